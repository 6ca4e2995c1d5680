"""Reads of the official statistics 流动党员情况: for an organisation's subtree and a year.

Who counts (流出党员总数) for year Y: the members whose file is held in the subtree (the home
side: ``home_path``) and who were away on the day the table is made up to — 31 December of Y,
or today for the current year. Away on that day means a registration of the home side (not a
draft, not an arrival registered by an inflow side for a member whose home branch is outside
the system) that was entered on or before that day (``created_at``; its submission time is
overwritten by every resubmission), whose departure date is on or before it, and that had not
ended by then (no end date, or one after the day: a return home, a move on or a transfer
ended on 31 December no longer counts for that year).

The main table is ONE grouped query (occupation × unit type × scope × card holder) read from
the partial covering index ``record_statistics``; each part of the supplement is one more.
The counts are cached per organisation, year and day (``cache.py``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise

from members.mobility.models import MobileRecord
from members.organizations.models import Organization, User
from members.scoping import scope_paths, subtree_q
from members.statistics import cache, registry
from members.statistics.layout import TableLine, column_labels, table_lines

YEARS_SHOWN = 10
PICKER_LEVELS = 2  # levels below the user's own organisations the picker offers
PICKER_LIMIT = 300
SUPERUSER_PICKER_DEPTH = 3
RECEIVING = (MobileRecord.Status.TAKEN_IN, MobileRecord.Status.ENDED)
_kind = Organization.Kind
# The supplement's kinds of mobile-member organisations: 党委 · 总支 · 支部.
MOBILE_ORGANIZATION_COLUMN = {
    _kind.CITY: "committee",
    _kind.COUNTY: "committee",
    _kind.TOWN: "committee",
    _kind.COMMITTEE: "committee",
    _kind.GENERAL_BRANCH: "general_branch",
    _kind.BRANCH: "branch",
    _kind.MOBILE_BRANCH: "branch",
}


@dataclass(frozen=True)
class StatisticsTable:
    organization: Organization
    year: int
    as_of: datetime.date
    columns: list[str | Promise]  # the occupations (the total column comes first)
    lines: list[TableLine]
    supplement: list[dict]  # per part: key, title, headers, rows (label, values)


def statistics_years(*, today: datetime.date) -> list[int]:
    """The years offered, the current one first."""
    return list(range(today.year, today.year - YEARS_SHOWN, -1))


def statistics_as_of(*, year: int, today: datetime.date) -> datetime.date:
    """The day the year's table is made up to: 31 December, or today for the current year."""
    return today if year >= today.year else datetime.date(year, 12, 31)


def statistics_organizations(*, user: User) -> list[Organization]:
    """The picker's organisations: the user's own and two levels below them (the superuser:
    the top three levels), not every branch of a province."""
    paths = scope_paths(user)
    organizations = Organization.objects.all()
    if paths is None:
        organizations = organizations.filter(depth__lte=SUPERUSER_PICKER_DEPTH)
    else:
        top = min((len(path) // Organization.steplen for path in paths), default=0)
        organizations = organizations.filter(subtree_q(paths), depth__lte=top + PICKER_LEVELS)
    return list(organizations.order_by("path")[:PICKER_LIMIT])


def statistics_organization(*, user: User, pk: int | None = None) -> Organization:
    """The organisation asked for within the user's scope, else the user's topmost one;
    ``Organization.DoesNotExist`` outside the scope or for a user without any role."""
    visible = Organization.objects.visible_to(user)
    if pk is not None:
        return visible.get(pk=pk)
    paths = scope_paths(user)
    if paths is None:
        return visible.filter(depth=1).order_by("path")[:1].get()
    if not paths:
        raise Organization.DoesNotExist
    return visible.get(path=paths[0])


def statistics_table(
    *, organization: Organization, year: int, today: datetime.date | None = None
) -> StatisticsTable:
    """The table of the organisation's subtree for the year, its counts cached."""
    today = today or timezone.localdate()
    as_of = statistics_as_of(year=year, today=today)
    counts = cache.cached(
        path=organization.path,
        year=year,
        as_of=as_of,
        compute=lambda: statistics_counts(paths=[organization.path], as_of=as_of),
    )
    supplement = [
        {
            "key": part.key,
            "title": part.title,
            "headers": part.headers(),
            "rows": part.rows(counts["supplement"].get(part.key, {})),
        }
        for part in registry.registered()
    ]
    return StatisticsTable(
        organization=organization,
        year=year,
        as_of=as_of,
        columns=column_labels(),
        lines=table_lines(counts["departures"]),
        supplement=supplement,
    )


def statistics_counts(*, paths: list[str], as_of: datetime.date) -> dict:
    """Every number of the table, uncached: the main table's groups, each part's counts."""
    return {
        "departures": departure_groups(paths=paths, as_of=as_of),
        "supplement": {
            part.key: dict(part.counts(paths=paths, as_of=as_of)) for part in registry.registered()
        },
    }


def departure_groups(
    *, paths: list[str], as_of: datetime.date
) -> list[tuple[str, str, str, bool, int]]:
    """``(occupation, unit_type, scope, card holder, members)`` of the members of the
    subtrees away on ``as_of`` (the module's rule), in one grouped query."""
    card = ExpressionWrapper(~Q(activity_card_number=""), output_field=BooleanField())
    rows = (
        away_on(as_of)
        .filter(subtree_q(paths, "home_path"))
        .annotate(card=card)
        .values_list("original_occupation", "unit_type", "scope", "card")
        .annotate(members=Count("*"))
        .order_by()
    )
    return [tuple(row) for row in rows]


def away_on(as_of: datetime.date):
    """The home side's registrations of members away on ``as_of`` (every subtree)."""
    return (
        MobileRecord.objects.filter(outflow_organization__isnull=False)
        .exclude(status=MobileRecord.Status.DRAFT)
        .filter(departure_date__lte=as_of, created_at__lt=registry.day_after(as_of))
        .filter(not_ended_on(as_of))
    )


def receiving_counts(*, paths: list[str], as_of: datetime.date) -> registry.Counts:
    """The subtrees' organisations that had mobile members taken in on ``as_of``, and those
    members (arrivals from outside the system too), in one query."""
    # Counted per organisation first, in the order of the index ``record_taken_in``: no
    # COUNT(DISTINCT), which sorted every record of a province.
    found = (
        MobileRecord.objects.filter(taken_in_on(as_of))
        .filter(subtree_q(paths, "taken_in_by__path"))
        .values("taken_in_by")
        .annotate(received=Count("*"))
        .order_by()
        .aggregate(organizations=Count("*"), members=Coalesce(Sum("received"), 0))
    )
    return {("receiving", column): number for column, number in found.items()}


def mobile_organization_counts(*, paths: list[str], as_of: datetime.date) -> registry.Counts:
    """The subtrees' organisations set up for mobile members by kind (党委 · 总支 · 支部), and
    the mobile members each kind had taken in on ``as_of``, in one query (each
    organisation's members counted in the index ``record_taken_in``)."""
    received = (
        MobileRecord.objects.filter(taken_in_on(as_of), taken_in_by=OuterRef("pk"))
        .values("taken_in_by")
        .annotate(members=Count("*"))
        .values("members")
    )
    rows = (
        Organization.objects.filter(subtree_q(paths), for_mobile_members=True)
        .filter(created_at__lt=registry.day_after(as_of))
        .annotate(received=Coalesce(Subquery(received), 0))
        .values_list("kind")
        .annotate(organizations=Count("*"), members=Sum("received"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = {}
    for kind, organizations, members in rows:
        column = MOBILE_ORGANIZATION_COLUMN[kind]
        for line, number in (("organizations", organizations), ("members", members)):
            counts[(line, column)] = counts.get((line, column), 0) + number
    return counts


def not_ended_on(as_of: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": as_of})


def taken_in_on(as_of: datetime.date, prefix: str = "") -> Q:
    """Records whose member was taken in (接收纳管) by ``taken_in_by`` and still there on
    ``as_of``: taken in on or before the day, not ended by then."""
    # The first two conditions are those of the partial index ``record_taken_in``.
    return Q(
        **{
            f"{prefix}status__in": RECEIVING,
            f"{prefix}taken_in_by__isnull": False,
            f"{prefix}inflow_date__lte": as_of,
        }
    ) & not_ended_on(as_of, prefix)
