"""Scoped reads of service stations: the directory, one station, the stations near a member."""

import datetime

from django.db.models import Count, QuerySet

from members.files.models import Member
from members.mobility.selectors import open_record
from members.organizations.models import User
from members.scoping import subtree_q
from members.statistics.registry import day_after
from services.cases.models import ServiceCase
from services.stations.models import ServiceStation


def station_queryset(*, user: User, for_write: bool = False) -> QuerySet[ServiceStation]:
    """Every station for a user with a role (a directory); those it runs, for writing."""
    return ServiceStation.objects.visible_to(user, for_write=for_write).select_related(
        "organization"
    )


def station_get(*, user: User, pk: int, for_write: bool = False) -> ServiceStation:
    return station_queryset(user=user, for_write=for_write).get(pk=pk)


def station_directory(*, user: User, region: str = "", service: str = "", open_only=True):
    """The directory filtered by county (its 6-digit code) and by a service offered."""
    stations = station_queryset(user=user)
    if open_only:
        stations = stations.active()
    if region:
        stations = stations.filter(region_code=region)
    if service:
        # The list is stored as JSON text: a quoted code matches one element exactly.
        stations = stations.filter(services__icontains=f'"{service}"')
    return stations


def station_open_cases(*, user: User, station: ServiceStation) -> int:
    """The open cases routed to the station, among those the user may read."""
    cases = ServiceCase.objects.visible_to(user).filter(station=station)
    return cases.filter(status__in=ServiceCase.OPEN_STATUSES).count()


def member_region(member: Member) -> str:
    """Where the member lives now: the open mobile record's destination, else the home
    organisation's region."""
    record = open_record(member)
    if record is not None and record.destination_region_code:
        return record.destination_region_code
    return member.organization.region_code


def stations_near(member: Member, *, limit: int = 10) -> list[ServiceStation]:
    """The open stations of the member's county first, then the rest of the city (the first
    four digits of the code)."""
    region = member_region(member)
    if not region:
        return []
    stations = ServiceStation.objects.active().filter(region_code__startswith=region[:4])
    rows = list(stations.order_by("region_code", "name")[: limit * 3])
    rows.sort(key=lambda station: station.region_code != region)
    return rows[:limit]


def station_level_counts(*, paths: list[str], as_of: datetime.date) -> dict[tuple[str, str], int]:
    """The open stations the subtrees' organisations run by level, those set up by ``as_of``
    (closed ones are not counted for any year: a station keeps no closing date), in one
    query; keyed as the official statistics' supplement reads them."""
    rows = (
        ServiceStation.objects.active()
        .filter(subtree_q(paths, "organization__path"), created_at__lt=day_after(as_of))
        .values_list("level")
        .annotate(stations=Count("id"))
        .order_by()
    )
    return {("stations", level): number for level, number in rows}
