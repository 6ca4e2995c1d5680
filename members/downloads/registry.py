"""What each list page exports: registered once by the list's own topic or app.

A ``ListExport`` rebuilds the page's rows from the user and the page's query string, through
the same filter form and scoped selector the page uses, so an export holds exactly what the
page lists, in its order; ``columns`` say what each row becomes in the spreadsheet.

A list of members (or of rows about members) names the row's member with ``member`` and puts
``id_number_column(...)`` among its columns: it shows the masked number, and the full one only
where the user asked for it and may write the member's file (``export_job_write`` decides, the
rule of ``members.files.actions``). ``chunk`` computes in Python what the page computes for its
page (counts, warnings): it is given each chunk of rows, as a list, before they are written.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[Any], Any]  # the row object → a cell value (str, number, date or None)
    width: int = 16
    id_number: bool = False  # the member's ID number: masked unless revealed


def choice(model, name: str, of: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """A cell value: the label of a choice field of the row (or of ``of(row)``).

    Django's ``get_FOO_display`` rebuilds the choices' dict and translates the label on every
    call (50 µs: half a minute over 100,000 rows of four such columns); this translates each
    label once per language.
    """
    choices = model._meta.get_field(name).flatchoices
    labels_by_language: dict[str | None, dict] = {}

    def value(row):
        language = get_language()
        labels = labels_by_language.get(language)
        if labels is None:
            labels = labels_by_language[language] = {key: str(text) for key, text in choices}
        raw = getattr(row if of is None else of(row), name)
        return labels.get(raw, raw)

    return value


def id_number_column(member: Callable[[Any], Any], header: str | Promise = "") -> Column:
    """The ID-number column of a list about members: masked (``member(row)`` names the file)."""
    return Column(
        header or _("ID number"),
        lambda row: member(row).id_number_masked,
        width=20,
        id_number=True,
    )


@dataclass(frozen=True)
class ListExport:
    """One list page's export.

    ``rows(user=, params=)`` returns the page's rows (scoped, filtered, ordered; a queryset is
    read in chunks); ``member(row)`` names the row's member when the list has an ID-number
    column, so the export can show it in full only where the user may reveal it.
    """

    name: str
    title: str | Promise
    list_url: str  # the URL name of the list page
    rows: Callable[..., Iterable[Any]]
    columns: Sequence[Column]
    member: Callable[[Any], Any] | None = None
    chunk: Callable[..., None] | None = None  # (rows: list, *, user, params) → None
    # (*, user, params) → the filters in words, [(label, value)], shown before exporting
    describe: Callable[..., list[tuple[str, str]]] | None = None

    @property
    def has_id_numbers(self) -> bool:
        return self.member is not None and any(column.id_number for column in self.columns)


_EXPORTS: dict[str, ListExport] = {}


def register(export: ListExport) -> ListExport:
    """Register a list page's export under its name (each name once)."""
    if export.name in _EXPORTS and _EXPORTS[export.name] != export:
        raise ValueError(f"two list exports are named {export.name!r}")
    _EXPORTS[export.name] = export
    return export


def get(name: str) -> ListExport | None:
    return _EXPORTS.get(name)


def registered() -> list[ListExport]:
    return sorted(_EXPORTS.values(), key=lambda export: export.name)


def filters_in_words(form: forms.Form) -> list[tuple[str, str]]:
    """The valid filters of a bound list form as (label, value), as its page shows them."""
    if not form.is_bound:
        return []
    form.is_valid()
    words = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            value = dict(field.choices).get(value, value)
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        words.append((str(field.label), str(value)))
    return words


def query_params(query_string: str) -> QueryDict:
    """The list page's filters as its form reads them (the cursor of a page is dropped)."""
    params = QueryDict(query_string, mutable=True)
    params.pop("cursor", None)
    return params
