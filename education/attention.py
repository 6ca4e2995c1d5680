"""What needs the secretary's attention this week, counted for the home card and the hub.

Each topic registers counters with ``@attention_item(order)``: a function
``(user, today, cap) -> AttentionItem | None`` returning a label, a count (counted up to
``cap`` + 1, so the page can say "99+") and a link, or ``None`` when it has nothing to say
(e.g. the user writes nowhere). Keep each item ONE indexed COUNT over the user's scope,
limited by the cap: the home page asks every item on every visit.

Each topic registers its counters in its own module ``education/<topic>/attention.py``,
loaded on first use: plans (this year's plans none of whose members has studied yet);
packages (parcels on the road for more than 14 days, parcels still to pack), lessons (published
this week, not opened by all) and classes (this week's classes, attendance to record). Count
with ``capped_count``: one ``COUNT`` over a ``LIMIT`` of ``cap`` + 1.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.utils import timezone

CAP = 99


@dataclass(frozen=True)
class AttentionItem:
    label: str
    count: int
    url: str
    cap: int = CAP

    @property
    def shown(self) -> str:
        return f"{self.cap}+" if self.count > self.cap else str(self.count)


Counter = Callable[..., AttentionItem | None]  # counter(user, today, cap) -> item or None

_counters: list[tuple[str, int, Counter]] = []


def attention_item(order: int = 100, chain: str = "education") -> Callable[[Counter], Counter]:
    """Register a counter of things needing attention on ``chain``'s card (the service chain
    registers its own from ``services/<topic>/attention.py``); lower ``order`` comes first."""

    def register(counter: Counter) -> Counter:
        if all(existing is not counter for _chain, _order, existing in _counters):
            _counters.append((chain, order, counter))
        return counter

    return register


def capped_count(queryset, cap: int = CAP) -> int:
    """ONE ``SELECT COUNT(*)`` over at most ``cap`` + 1 rows: enough to say "99+"."""
    return queryset.order_by().values("pk")[: cap + 1].count()


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of ``day`` in the local time zone (for ranges over datetimes)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def attention_for(
    user, today: datetime.date, cap: int = CAP, chain: str = "education"
) -> list[AttentionItem]:
    """The chain's items with something to count, in order; items counting nothing are left out."""
    _load_topics()
    items = []
    mine = [(order, counter) for name, order, counter in _counters if name == chain]
    for _order, counter in sorted(mine, key=lambda entry: entry[0]):
        item = counter(user, today, cap)
        if item is not None and item.count:
            items.append(item)
    return items


@cache
def _load_topics() -> None:
    from education.apps import TOPICS as EDUCATION_TOPICS
    from services.apps import TOPICS as SERVICE_TOPICS

    for app, topics in (("education", EDUCATION_TOPICS), ("services", SERVICE_TOPICS)):
        for topic in topics:
            name = f"{app}.{topic}.attention"
            if find_spec(name):
                import_module(name)
