"""Scoped reads of organisational life (组织生活): activities, attendance, yearly records.

The yearly views say which of the rules' activities happened or were attended (a 主题党日 each
month, a 组织生活会 and a 民主评议 each year, art. 16–18). They never rank members or count
points: the 2025 rules against formalism forbid ranking by study time or points.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member, managed_members_condition
from members.organizations.models import Organization, User
from members.orglife.models import Activity, Attendance
from members.pagination import KeysetPage, keyset_page
from members.scoping import ensure_can_write, subtree_q

Kind = Activity.Kind
TOOK_PART = Attendance.TOOK_PART
BRANCH_KINDS = (Organization.Kind.BRANCH, Organization.Kind.MOBILE_BRANCH)
MONTHS = range(1, 13)


@dataclass(frozen=True)
class ActivityFilters:
    organization: Organization | None = None
    kind: str = ""
    year: int | None = None


def year_range(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The local calendar year as an aware half-open range (an indexable condition)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, start.replace(year=year + 1)


def activity_queryset(*, user: User, for_write: bool = False) -> QuerySet[Activity]:
    return Activity.objects.visible_to(user, for_write=for_write).select_related("organization")


def activity_get(*, user: User, pk: int, for_write: bool = False) -> Activity:
    """One activity the user may see (or change), or ``Activity.DoesNotExist``."""
    return activity_queryset(user=user, for_write=for_write).get(pk=pk)


def activity_search(*, user: User, filters: ActivityFilters) -> QuerySet[Activity]:
    """Activities held in the user's subtrees matching the filters."""
    activities = Activity.objects.held_within(user).select_related("organization")
    if filters.organization is not None:
        activities = activities.filter(organization__path__startswith=filters.organization.path)
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.year:
        activities = activities.filter(held_at__range=year_range(filters.year))
    return activities


def activity_list(
    *, user: User, filters: ActivityFilters, cursor: str = "", size: int = 25
) -> KeysetPage:
    """One page of activities, newest first, each with ``took_part``: how many took part.

    Counted for the page's activities only, in a second query: a count joined into the list
    would group every activity in scope before the page is cut.
    """
    page = keyset_page(
        activity_search(user=user, filters=filters), order=ACTIVITY_ORDER, cursor=cursor, size=size
    )
    with_took_part(page.items)
    return page


ACTIVITY_ORDER = ("-held_at", "-id")


def with_took_part(activities: list[Activity]) -> None:
    """Give each activity ``took_part``: how many took part, in one grouped query."""
    counts = dict(
        Attendance.objects.filter(activity__in=activities, status__in=TOOK_PART)
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values_list("activity", "n")
    )
    for activity in activities:
        activity.took_part = counts.get(activity.pk, 0)


# --- Who takes part --------------------------------------------------------------------------


def hosted_members(*, organization: Organization) -> QuerySet[Member]:
    """The mobile members the organisation's subtree hosts (the inflow side's members)."""
    return Member.objects.filter(subtree_q([organization.path], "host_path"))


def organization_life_members(*, organization: Organization) -> QuerySet[Member]:
    """Current members whose organisational life is here: files held in the subtree, and the
    mobile members hosted within it (one membership, life in several places: art. 32)."""
    here = managed_members_condition([organization.path], "pk")
    return Member.objects.filter(here, status__in=Member.CURRENT_STATUSES)


def activity_eligible_members(*, activity: Activity) -> QuerySet[Member]:
    """Who may be on the activity's sheet: its organisation's members, and anyone already on
    it — one IN over a UNION of index scans, never an OR of subqueries."""
    life = organization_life_members(organization=activity.organization).order_by().values("pk")
    recorded = activity.attendances.order_by().values("member_id")
    return Member.objects.filter(pk__in=life.union(recorded))


def _mark_home(members: list[Member], organization: Organization) -> list[Member]:
    """Flag who is a home member (``is_home``) rather than taken in from elsewhere."""
    for member in members:
        member.is_home = member.organization.is_within(organization)
    return members


def attendance_sheet(*, activity: Activity, cursor: str = "", size: int = 100):
    """One page of the sheet: eligible members by name, each with their attendance (or None).

    Two queries whatever the page size.
    """
    # The membership's holder: a branch outside the system for a member who came from there.
    members = activity_eligible_members(activity=activity).select_related(
        "organization", "home_external"
    )
    page = keyset_page(members, order=("name", "id"), cursor=cursor, size=size)
    _mark_home(page.items, activity.organization)
    recorded = {
        row.member_id: row
        for row in activity.attendances.filter(member__in=[m.pk for m in page.items])
    }
    return page, [(member, recorded.get(member.pk)) for member in page.items]


def attendance_queryset(*, user: User) -> QuerySet[Attendance]:
    """Attendance rows the user may read: at activities held in scope, or of members in scope."""
    rows = Attendance.objects.visible_to(user)
    return rows.select_related("activity__organization", "member", "recorded_by")


def activity_attendance(*, user: User, activity: Activity) -> QuerySet[Attendance]:
    """The activity's attendance as far as the user may read it, by member name."""
    return attendance_queryset(user=user).filter(activity=activity).order_by("member__name", "pk")


# --- Yearly records --------------------------------------------------------------------------


@dataclass
class YearRecord:
    """What the rules ask for in a year, and what happened (or was attended)."""

    year: int
    theme_day_months: set[int] = field(default_factory=set)
    life_meeting: bool = False
    appraisal: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def months(self) -> list[tuple[int, bool]]:
        return [(month, month in self.theme_day_months) for month in MONTHS]

    @property
    def three_meetings_one_lesson(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in Activity.THREE_MEETINGS_ONE_LESSON)

    def add(self, kind: str, held_at: datetime.datetime) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind == Kind.THEME_DAY:
            self.theme_day_months.add(timezone.localtime(held_at).month)
        self.life_meeting |= kind == Kind.LIFE_MEETING
        self.appraisal |= kind == Kind.APPRAISAL


@dataclass
class MemberYear:
    record: YearRecord
    attendances: list[Attendance]

    @property
    def kind_counts(self) -> list[tuple[str, int]]:
        return [(label, self.record.counts.get(kind, 0)) for kind, label in Kind.choices]


def member_attendance_year(*, member: Member, year: int) -> MemberYear:
    """The member's organisational life in a year, wherever it took place: one query."""
    rows = list(
        member.attendances.filter(activity__held_at__range=year_range(year))
        .select_related("activity__organization")
        .order_by("activity__held_at", "pk")
    )
    record = YearRecord(year)
    for row in rows:
        if row.took_part:
            record.add(row.activity.kind, row.activity.held_at)
    return MemberYear(record=record, attendances=rows)


def organization_year(*, organization: Organization, year: int) -> tuple[YearRecord, list]:
    """The organisation's own activities of the year and its yearly record: one query."""
    activities = list(
        Activity.objects.filter(organization=organization, held_at__range=year_range(year))
        .annotate(took_part=Count("attendances", filter=Q(attendances__status__in=TOOK_PART)))
        .order_by("held_at", "pk")
    )
    record = YearRecord(year)
    for activity in activities:
        record.add(activity.kind, activity.held_at)
    return record, activities


def branches_year(
    *, organization: Organization, year: int, cursor: str = "", size: int = 50
) -> tuple[KeysetPage, list[tuple[Organization, YearRecord]]]:
    """One page of the branches below the organisation with their yearly record: two queries."""
    branches = Organization.objects.filter(
        path__startswith=organization.path, kind__in=BRANCH_KINDS
    ).exclude(pk=organization.pk)
    page = keyset_page(branches, order=("path",), cursor=cursor, size=size)
    records = {branch.pk: YearRecord(year) for branch in page.items}
    held = Activity.objects.filter(
        organization__in=list(records), held_at__range=year_range(year)
    ).values_list("organization_id", "kind", "held_at")
    for organization_id, kind, held_at in held:
        records[organization_id].add(kind, held_at)
    return page, [(branch, records[branch.pk]) for branch in page.items]


def members_year(
    *, organization: Organization, year: int, cursor: str = "", size: int = 50
) -> tuple[KeysetPage, list[tuple[Member, YearRecord]]]:
    """One page of the branch's members (home and taken in) with what each attended: two
    queries. Alphabetical, never ordered by how much anyone attended."""
    members = organization_life_members(organization=organization).select_related("organization")
    page = keyset_page(members, order=("name", "id"), cursor=cursor, size=size)
    _mark_home(page.items, organization)
    records = defaultdict(lambda: YearRecord(year))
    attended = Attendance.objects.filter(
        member__in=[m.pk for m in page.items],
        status__in=TOOK_PART,
        activity__held_at__range=year_range(year),
    ).values_list("member_id", "activity__kind", "activity__held_at")
    for member_id, kind, held_at in attended:
        records[member_id].add(kind, held_at)
    return page, [(member, records[member.pk]) for member in page.items]


# --- Whom a secretary's message reaches ----------------------------------------------------

# Files held here, members hosted here (the inflow side's mobile members), or both.
AUDIENCE_HOME, AUDIENCE_HOSTED, AUDIENCE_ALL = "home", "taken_in", "all"
AUDIENCES = (AUDIENCE_HOME, AUDIENCE_HOSTED, AUDIENCE_ALL)


def member_message_recipients(
    *, actor: User, organization: Organization, status: str = "", audience: str = AUDIENCE_HOME
) -> QuerySet[Member]:
    """Current members the actor may message for the organisation (a writer of it only).

    ``home``: files in the organisation's subtree; ``taken_in``: the mobile members it hosts
    (art. 32: one membership, organisational life in several places); ``all``: both.
    """
    ensure_can_write(actor, organization)
    if audience not in AUDIENCES:
        raise ValidationError({"audience": _("Choose whom the message is for.")})
    home = Member.objects.filter(
        organization__in=Organization.objects.filter(subtree_q([organization.path]))
    )
    hosted = hosted_members(organization=organization)
    members = {
        AUDIENCE_HOME: home,
        AUDIENCE_HOSTED: hosted,
        AUDIENCE_ALL: Member.objects.filter(
            Q(pk__in=home.values("pk")) | Q(pk__in=hosted.values("pk"))
        ),
    }[audience]
    return members.filter(status__in=[status] if status else Member.CURRENT_STATUSES)
