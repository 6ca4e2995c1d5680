"""Keyset ("next page" / "previous page") pagination: no COUNT, no OFFSET, cost independent of
how deep the reader pages, so lists stay fast on scopes of a million members."""

import base64
import binascii
import json
import operator
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet

NEXT, PREVIOUS = "n", "p"


@dataclass(frozen=True)
class KeysetPage:
    items: list[Model]
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def keyset_page(
    queryset: QuerySet, *, order: tuple[str, ...], cursor: str, size: int
) -> KeysetPage:
    """One page of ``queryset`` in ``order`` (whose last field must be unique, e.g. ``id``).

    Fetches ``size + 1`` rows: the extra row only tells whether another page exists.
    An unreadable cursor gives the first page rather than an error.
    """
    direction, values = _decode(cursor, queryset.model, order)
    fields = [_parse(name) for name in order]
    backwards = direction == PREVIOUS
    if values is not None:
        queryset = queryset.filter(_beyond(fields, values, backwards=backwards))
    ordering = [("-" if desc != backwards else "") + name for name, desc in fields]
    rows = list(queryset.order_by(*ordering)[: size + 1])
    more, rows = len(rows) > size, rows[:size]
    if backwards:
        rows.reverse()
    # Going back, the page we came from exists; going forward, so does the one we came from.
    has_next = True if backwards else more
    has_previous = more if backwards else values is not None
    return KeysetPage(
        items=rows,
        next_cursor=_encode(NEXT, rows[-1], order) if rows and has_next else None,
        previous_cursor=_encode(PREVIOUS, rows[0], order) if rows and has_previous else None,
    )


def _parse(name: str) -> tuple[str, bool]:
    return name.lstrip("-"), name.startswith("-")


def _beyond(fields: list[tuple[str, bool]], values: list, *, backwards: bool) -> Q:
    """Rows after (or before) the cursor row in lexicographic order of ``fields``."""
    conditions = []
    for i, (name, descending) in enumerate(fields):
        lookup = "lt" if descending != backwards else "gt"
        equal = {field: value for (field, _), value in zip(fields[:i], values[:i], strict=True)}
        conditions.append(Q(**equal, **{f"{name}__{lookup}": values[i]}))
    return reduce(operator.or_, conditions)


def _encode(direction: str, row: Model, order: tuple[str, ...]) -> str:
    values = [_plain(getattr(row, _parse(name)[0])) for name in order]
    raw = json.dumps([direction, values], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _plain(value):
    return value if isinstance(value, int | str) else str(value)


def _decode(cursor: str, model: type[Model], order: tuple[str, ...]) -> tuple[str, list | None]:
    if not cursor:
        return NEXT, None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        direction, values = json.loads(raw)
        if direction not in (NEXT, PREVIOUS) or len(values) != len(order):
            raise ValueError(cursor)
        fields = [model._meta.get_field(_parse(name)[0]) for name in order]
        return direction, [f.to_python(v) for f, v in zip(fields, values, strict=True)]
    except (ValueError, TypeError, ValidationError, binascii.Error, UnicodeDecodeError):
        return NEXT, None
