"""What each list page exports: registered once by the list's own topic or app.

A ``ListExport`` rebuilds the page's rows from the user and the page's query string, through
the same filter form and scoped selector the page uses, so an export holds exactly what the
page lists, in its order; ``columns`` say what each row becomes in the spreadsheet.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[Any], Any]  # the row object → a cell value (str, number, date or None)
    width: int = 16


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


def query_params(query_string: str) -> QueryDict:
    """The list page's filters as its form reads them (the cursor of a page is dropped)."""
    params = QueryDict(query_string, mutable=True)
    params.pop("cursor", None)
    return params
