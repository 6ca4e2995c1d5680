"""What the home dashboard shows: figures and charts each topic and app registers.

The management chain must not import education or services, so those register from their own
``education/overview.py`` and ``services/overview.py`` (imported at start by
``members.apps``, with the management chain's ``members/overview/figures.py`` and
``members/overview/charts_data.py``).

A *figure* is ``fn(user, today) -> Figure | None``: a label, a count, the link to the list page
that shows exactly those rows, and optional parts (each with its own count and link).
A *chart* is ``fn(user, today) -> ChartData | None`` with a kind (``bars``, ``line``,
``sankey``, ``histogram``) that ``members.overview.charts`` draws as SVG on the server.
``None`` means the user has nothing to see there.

Grouped counts over a whole scope are cached per (scope, name, day) with ``scoped_cache``: the
key carries a version of each model read, bumped by ``post_save``/``post_delete`` receivers
(``watch``); bulk writes that send no signal are bounded by the cache's ``TTL``.
"""

import datetime
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from members.scoping import scope_paths

BARS, LINE, SANKEY, HISTOGRAM = "bars", "line", "sankey", "histogram"
KINDS = (BARS, LINE, SANKEY, HISTOGRAM)
MANAGEMENT, EDUCATION, SERVICES = "management", "education", "services"
TTL = 600  # seconds: what a bulk write (no signals) may leave stale at most


@dataclass(frozen=True)
class Part:
    """One line of a figure's breakdown; ``url`` empty when no list filters that way."""

    label: str
    count: int
    url: str = ""


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    url: str = ""  # empty: only the parts link (their sum is no list of its own)
    parts: tuple[Part, ...] = ()
    key: str = ""
    chain: str = MANAGEMENT
    cap: int = 0  # counted up to cap + 1 ("99+"); 0: exact

    @property
    def shown(self) -> str:
        return f"{self.cap}+" if self.cap and self.count > self.cap else str(self.count)


@dataclass(frozen=True)
class Row:
    """A labelled value: a bar, a histogram band, a node of a Sankey."""

    label: str
    value: float
    note: str = ""  # extra words in the numbers table (e.g. the mean resolution time)


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    value: int


@dataclass(frozen=True)
class ChartData:
    title: str
    kind: str
    rows: tuple[Row, ...] = ()  # bars, histogram
    columns: tuple[str, ...] = ()  # line: the months' labels
    series: tuple[tuple[str, tuple[int, ...]], ...] = ()  # line: (name, one value per column)
    flows: tuple[Flow, ...] = ()  # sankey
    unit: str = ""
    headers: tuple[str, ...] = ()  # the numbers table's column headings
    key: str = ""

    @property
    def empty(self) -> bool:
        values = [r.value for r in self.rows] + [v for _n, vs in self.series for v in vs]
        return not any(values) and not self.flows


FigureFn = Callable[..., Figure | None]
ChartFn = Callable[..., ChartData | None]

_figures: dict[str, tuple[int, str, FigureFn]] = {}
_charts: dict[str, tuple[int, ChartFn]] = {}


def figure(key: str, *, order: int, chain: str = MANAGEMENT) -> Callable[[FigureFn], FigureFn]:
    """Register ``fn(user, today) -> Figure | None`` under ``key`` (lower ``order`` first)."""

    def register(fn: FigureFn) -> FigureFn:
        _figures[key] = (order, chain, fn)
        return fn

    return register


def chart(key: str, *, order: int) -> Callable[[ChartFn], ChartFn]:
    """Register ``fn(user, today) -> ChartData | None`` under ``key``."""

    def register(fn: ChartFn) -> ChartFn:
        _charts[key] = (order, fn)
        return fn

    return register


def figures_for(user, today: datetime.date) -> list[Figure]:
    found = []
    for key, (_order, chain, fn) in sorted(_figures.items(), key=lambda item: item[1][0]):
        result = fn(user, today)
        if result is not None:
            found.append(replace(result, key=key, chain=chain))
    return found


def charts_for(user, today: datetime.date) -> list[ChartData]:
    found = []
    for key, (_order, fn) in sorted(_charts.items(), key=lambda item: item[1][0]):
        result = fn(user, today)
        if result is not None:
            found.append(replace(result, key=key))
    return found


# --- The cache: per scope, name and day; versions bumped by the watched models' writes. ---


def scope_key(user) -> str:
    """The user's read scope as a short key: users with the same subtrees share entries."""
    paths = scope_paths(user)
    text = "*" if paths is None else ",".join(paths)
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


STEP = 4  # the organisation tree's path step (treebeard's ``steplen``)


def _version_key(label: str, prefix: str | None = None) -> str:
    return f"overview:version:{label}" + ("" if prefix is None else f":{prefix}")


_watched: dict[str, tuple[str, ...]] = {}  # model label → the path fields its rows carry


def watch(*models, paths: tuple[str, ...] = ()) -> None:
    """Bump the models' versions on every save and delete (the registering module calls it).

    With ``paths`` (a row's stored scope paths, e.g. ``home_path`` and ``host_path``) a write
    bumps only the versions of the subtrees holding the row — each ancestor of its paths — so
    a district's cached figures stay warm while another district writes. A row moved to
    another subtree leaves the old one's entries until ``TTL``.
    """
    for model in models:
        _watched[model._meta.label_lower] = paths
        uid = f"overview-watch-{model._meta.label_lower}"
        post_save.connect(_bump, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_bump, sender=model, dispatch_uid=uid + "-delete")


def _bump(sender, instance=None, **kwargs) -> None:
    if sender is None:
        return _incr(_version_key("*"))
    label = sender._meta.label_lower
    fields = _watched.get(label, ())
    if not fields or instance is None:
        return _incr(_version_key(label))
    prefixes = {""}
    for name in fields:
        path = getattr(instance, name, "") or ""
        prefixes.update(path[:end] for end in range(STEP, len(path) + 1, STEP))
    for prefix in prefixes:
        _incr(_version_key(label, prefix))
    return None


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): any new value differs from the old
        cache.set(key, time.time_ns(), None)


def written(instance) -> None:
    """Bump the versions a save of ``instance`` bumps, for a write that sent no signal (a
    queryset's ``update``; the benchmark's simulated write)."""
    _bump(type(instance), instance=instance)


def invalidate_all() -> None:
    """Make every cached figure and chart stale (after a bulk import, or to time a cold page)."""
    _bump(None)


def versions(user, *models) -> str:
    """The versions of the models in the user's subtrees (and of everything:
    ``invalidate_all``), as one string."""
    return _versions_of(user, [model._meta.label_lower for model in models])


def all_versions(user) -> str:
    """The versions of every watched model: what the user's whole dashboard depends on."""
    return _versions_of(user, sorted(_watched))


def _versions_of(user, labels: list[str]) -> str:
    paths = scope_paths(user)
    prefixes = [""] if paths is None else paths
    keys = [_version_key("*")]
    for label in labels:
        if _watched.get(label):
            keys += [_version_key(label, prefix) for prefix in prefixes]
        else:
            keys.append(_version_key(label))
    found = cache.get_many(keys)
    return ".".join(str(found.get(key, 0)) for key in keys)


def scoped_cache(name: str, user, today: datetime.date, models, compute: Callable[[], object]):
    """``compute()`` once per (scope, ``name``, day, versions of ``models``), for ``TTL``."""
    key = f"overview:{name}:{scope_key(user)}:{today.isoformat()}:{versions(user, *models)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value
