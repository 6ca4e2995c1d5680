"""The management chain's charts: where the scope's mobile members went (by province, and as
flows from the outflow districts), and registrations and returns month by month.

All read the outflow side's records (``record_side(OUTFLOW)``: the members who left the
scope), grouped in one query each and cached per scope and day (``scoped_cache``).
"""

import datetime

from django.db.models import Count
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext as _

from members.mobility.models import MobileRecord
from members.mobility.selectors import OUTFLOW, record_side
from members.organizations.models import Organization
from members.overview.regions import province_name
from members.overview.registry import (
    BARS,
    LINE,
    SANKEY,
    ChartData,
    Flow,
    Row,
    chart,
    scoped_cache,
    watch,
)
from members.scoping import scope_paths

MONTHS = 12
watch(Organization)  # a renamed organisation: the flows' names
TOP_SOURCES, TOP_PROVINCES = 10, 8


def _away(user):
    records = record_side(user=user, side=OUTFLOW).filter(status__in=MobileRecord.AWAY_STATUSES)
    return records.order_by().select_related(None)


def destinations(user, today: datetime.date) -> list[tuple[str, str, int]]:
    """(outflow organisation's name, province code, members away) in ONE grouped query,
    cached: both the provinces' bars and the flows read it."""
    level = outflow_level(user)

    def compute() -> list[tuple[str, str, int]]:
        rows = list(
            _away(user)
            .annotate(
                source=Substr("home_path", 1, level),
                province=Substr("destination_region_code", 1, 2),
            )
            .values("source", "province")
            .annotate(n=Count("*"))
            .values_list("source", "province", "n")
        )
        paths = {row[0] for row in rows}
        names = dict(Organization.objects.filter(path__in=paths).values_list("path", "name"))
        return [(names.get(source, source), code, n) for source, code, n in rows]

    return scoped_cache(f"destinations{level}", user, today, [MobileRecord, Organization], compute)


@chart("provinces", order=10)
def by_province(user, today: datetime.date) -> ChartData:
    """Mobile members away per destination province, most first."""
    totals: dict[str, int] = {}
    for _source, code, n in destinations(user, today):
        totals[code] = totals.get(code, 0) + n
    ranked = sorted(totals.items(), key=lambda row: (-row[1], row[0]))
    return ChartData(
        _("Mobile members by destination province"),
        BARS,
        rows=tuple(Row(province_name(code), n) for code, n in ranked),
        headers=(_("Province"), _("Mobile members")),
    )


@chart("flows", order=20)
def flows(user, today: datetime.date) -> ChartData:
    """From the outflow districts (or the towns of a district) to the destination provinces."""
    found = [(name, province_name(code), n) for name, code, n in destinations(user, today)]
    return ChartData(
        _("From the outflow districts to the destination provinces"),
        SANKEY,
        flows=_top_flows(found),
        headers=(_("Outflow organisation"), _("Destination province"), _("Mobile members")),
    )


def outflow_level(user) -> int:
    """Path length of the Sankey's left column: the county-level organisations of the scope,
    or the level just below it when the scope is a district or lower."""
    paths = scope_paths(user)
    below = (min(len(p) for p in paths) if paths else 0) + Organization.steplen
    county = Organization.objects.filter(kind=Organization.Kind.COUNTY).values("depth").first()
    county_length = county["depth"] * Organization.steplen if county else 0
    return max(below, county_length)


def _top_flows(found: list[tuple[str, str, int]]) -> tuple[Flow, ...]:
    """The largest sources and provinces by name; the rest summed as "others"."""
    sources, provinces = _top(found, 0, TOP_SOURCES), _top(found, 1, TOP_PROVINCES)
    other_source, other_province = _("Other organisations"), _("Other provinces")
    summed: dict[tuple[str, str], int] = {}
    for source, province, n in found:
        key = (
            source if source in sources else other_source,
            province if province in provinces else other_province,
        )
        summed[key] = summed.get(key, 0) + n
    ordered = sorted(summed.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Flow(source, target, n) for (source, target), n in ordered)


def _top(found, index: int, size: int) -> set[str]:
    totals: dict[str, int] = {}
    for row in found:
        totals[row[index]] = totals.get(row[index], 0) + row[2]
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    return set(ranked[:size]) if len(ranked) > size + 1 else set(ranked)


@chart("months", order=30)
def departures_by_month(user, today: datetime.date) -> ChartData:
    """Members registered as leaving (by departure date) and members returned home (by the
    day the period ended), each of the last twelve months."""
    first = add_months(month_start(today), -(MONTHS - 1))
    months = [add_months(first, n) for n in range(MONTHS)]

    def compute() -> tuple[list[int], list[int]]:
        records = record_side(user=user, side=OUTFLOW).order_by().select_related(None)
        left = _per_month(
            records.filter(departure_date__gte=first).exclude(status=MobileRecord.Status.DRAFT),
            "departure_date",
        )
        back = _per_month(
            records.filter(ended_on__gte=first, end_reason=MobileRecord.EndReason.RETURNED_HOME),
            "ended_on",
        )
        return [left.get(m, 0) for m in months], [back.get(m, 0) for m in months]

    left, back = scoped_cache("months", user, today, [MobileRecord], compute)
    return ChartData(
        _("Departures and returns by month"),
        LINE,
        columns=tuple(f"{m:%Y-%m}" for m in months),
        series=((_("Registered as leaving"), tuple(left)), (_("Returned home"), tuple(back))),
        headers=(_("Month"), _("Registered as leaving"), _("Returned home")),
    )


def _per_month(records, field: str) -> dict[datetime.date, int]:
    rows = (
        records.annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("*"))
        .values_list("month", "n")
    )
    return {_as_date(month): n for month, n in rows}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after ``day``'s (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
