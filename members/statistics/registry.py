"""The supplement of the official statistics (补充资料): each part registered by its owner.

The management chain counts the mobile-member organisations and the receiving organisations
itself (``members/statistics/supplement.py``); the service chain registers its service
stations (``services/stations/statistics.py``), so that ``members`` never imports ``services``.

A part is a small table: ``columns`` across (a total first when ``total``), ``lines`` down,
and ``counts(paths=, as_of=)`` answering ``{(line, column): number}`` for the subtrees'
organisations on the day ``as_of`` in ONE query. ``sources`` name the models whose saved or
deleted rows change the counts, each with the paths of the organisations a row counts for, so
the cached tables of those organisations and their ancestors are recomputed.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members.statistics.cache import forget_on_save

Label = str | Promise
Counts = Mapping[tuple[str, str], int]


@dataclass(frozen=True)
class SupplementPart:
    key: str
    title: Label
    columns: Sequence[tuple[str, Label]]
    lines: Sequence[tuple[str, Label]]
    counts: Callable[..., Counts]  # counts(paths=list[str], as_of=date)
    order: int = 100
    total: bool = True
    # (model, row → the paths of the organisations it counts for)
    sources: Sequence[tuple[type[models.Model], Callable[[models.Model], Iterable[str]]]] = field(
        default_factory=tuple
    )

    def rows(self, found: Counts) -> list[dict]:
        """The part's lines with the numbers ``counts`` found, in column order (total first)."""
        rows = []
        for line, label in self.lines:
            values = [found.get((line, column), 0) for column, _label in self.columns]
            rows.append({"key": line, "label": label, "values": self._with_total(values)})
        return rows

    def headers(self) -> list[Label]:
        labels = [label for _key, label in self.columns]
        return [_("Total"), *labels] if self.total else labels

    def _with_total(self, values: list[int]) -> list[int]:
        return [sum(values), *values] if self.total else values


_PARTS: dict[str, SupplementPart] = {}


def supplement_row(part: SupplementPart) -> SupplementPart:
    """Register a part of the supplement under its key (each key once)."""
    if part.key in _PARTS and _PARTS[part.key] != part:
        raise ValueError(f"two supplement parts are named {part.key!r}")
    _PARTS[part.key] = part
    for model, paths_of in part.sources:
        forget_on_save(model, paths_of)
    return part


def registered() -> list[SupplementPart]:
    return sorted(_PARTS.values(), key=lambda part: (part.order, part.key))


def day_after(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the site's time zone: rows created before it existed
    on ``day``."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
