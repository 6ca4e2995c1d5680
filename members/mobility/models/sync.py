"""Copies kept in step with the records: stored scope paths, and the topics listening."""

from collections.abc import Callable

from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from members.files.models import Member
from members.mobility.models.records import MobileRecord
from members.organizations.models import Organization
from members.scoping import scope_paths_repairer, subtree_q

# Topics that keep something in step with the records (followup's warning facts) listen here:
# every record action calls ``records_changed`` with the ids it wrote, in its transaction.
RECORD_LISTENERS: list[Callable[[list[int]], None]] = []


def records_changed(record_ids: list[int]) -> None:
    for listener in RECORD_LISTENERS:
        listener(record_ids)


@scope_paths_repairer
def _repair_paths(*, member_ids=None, prefix: str | None = None) -> int:
    """Recompute records' paths from the organisations, then members' ``host_path``."""
    records = MobileRecord.objects.all()
    members = Member.objects.all()
    if member_ids is not None:
        records, members = records.filter(member__in=member_ids), members.filter(pk__in=member_ids)
    if prefix is not None:
        moved = subtree_q([prefix], "home_path") | subtree_q([prefix], "host_path")
        records = records.filter(moved)
        # Read before the records are rewritten: afterwards they no longer match the old path.
        members = members.filter(pk__in=list(records.values_list("member_id", flat=True)))
    # Rows already right are read, not rewritten.
    home, host = _member_path(), _host_path()
    written = records.exclude(home_path=home, host_path=host).update(home_path=home, host_path=host)
    return written + _repair_member_hosts(members)


def _repair_member_hosts(members) -> int:
    """Members away: their open record's host path; the others: none. Two updates, each
    through a hashed subquery (an OR of the two would test every member against a list)."""
    open_records = MobileRecord.objects.exclude(status=MobileRecord.Status.ENDED)
    stale = open_records.exclude(host_path=F("member__host_path")).values("member_id")
    host_now = Subquery(open_records.filter(member=OuterRef("pk")).values("host_path")[:1])
    written = members.filter(pk__in=stale).update(host_path=host_now)
    # NOT EXISTS, an anti-join: NOT IN over a big subquery is tested row by row.
    away = Exists(open_records.filter(member=OuterRef("pk")))
    settled = members.exclude(host_path="").exclude(away)
    return written + settled.update(host_path="")


def _member_path():
    return Subquery(
        Member.objects.filter(pk=OuterRef("member_id")).values("organization__path")[:1]
    )


def _host_path():
    """Mirrors ``MobileRecord.host_organization``."""

    def path_of(field: str) -> Subquery:
        return Subquery(Organization.objects.filter(pk=OuterRef(field)).values("path")[:1])

    return Case(
        When(
            status__in=MobileRecord.HOSTED_STATUSES,
            then=Coalesce(path_of("taken_in_by_id"), path_of("inflow_organization_id"), Value("")),
        ),
        default=Value(""),
    )
