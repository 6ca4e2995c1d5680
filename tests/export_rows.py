"""Reading a registered list export as its file would hold it, for the chains' export tests."""

import html

from django.http import QueryDict
from django.urls import reverse

from members.downloads import registry


def rows_of(name: str, user, query: str = "") -> list:
    return list(registry.get(name).rows(user=user, params=QueryDict(query)))


def cells(name: str, rows: list) -> list[list]:
    """Each row as the export writes it: every column, then the member's masked ID number."""
    export = registry.get(name)
    member = export.member or (lambda row: None)
    return [
        [
            *(column.value(row) for column in export.columns),
            getattr(member(row), "id_number_masked", None),
        ]
        for row in rows
    ]


def column(name: str, header: str, row):
    chosen = next(c for c in registry.get(name).columns if str(c.header) == header)
    return chosen.value(row)


def export_button(name: str, query: str) -> str:
    """The link of a list page's export button carrying the page's query string."""
    return f'href="{reverse("downloads:start", args=[name])}?{html.escape(query)}"'
