"""Scoped reads of care: records, campaigns with their progress, the visits on their lists and
the political-birthday greetings shown with the records on the member file."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from members.files.models import POLITICAL_BIRTHDAY, Member, managed_members_condition
from members.mobility.models import MobileRecord
from members.organizations.models import Organization, User
from members.organizations.selectors import ancestor_paths
from members.outbox.models import Notification
from members.pagination import KeysetPage, keyset_page
from members.scoping import scope_paths
from services.care.models import CareCampaign, CareRecord, CareVisit

V = CareVisit.Status
RECORD_ORDER = ("-on_date", "-id")


@dataclass(frozen=True)
class RecordFilters:
    kind: str = ""
    month: datetime.date | None = None  # any day of the month
    branch: Organization | None = None


def record_queryset(*, user: User) -> QuerySet[CareRecord]:
    return CareRecord.objects.visible_to(user).select_related(
        "member", "family_member", "organization", "campaign"
    )


def record_rows(*, user: User, filters: RecordFilters) -> QuerySet[CareRecord]:
    """The care records the list shows (its page and its export), filtered, newest first."""
    records = record_queryset(user=user)
    if filters.kind:
        records = records.filter(kind=filters.kind)
    if filters.month:
        records = records.filter(
            on_date__year=filters.month.year, on_date__month=filters.month.month
        )
    if filters.branch:
        records = records.filter(member__home_path__startswith=filters.branch.path)
    return records.order_by(*RECORD_ORDER)


def record_page(*, user: User, filters: RecordFilters, cursor: str, size: int) -> KeysetPage:
    records = record_rows(user=user, filters=filters)
    return keyset_page(records, order=RECORD_ORDER, cursor=cursor, size=size)


def _managed_members(user: User, *, for_write: bool = False) -> QuerySet[Member]:
    """Members of the user's home or hosting subtrees (the rule of ``PerMemberQuerySet``)."""
    paths = scope_paths(user, for_write=for_write)
    if paths is None:
        return Member.objects.all()
    return Member.objects.filter(managed_members_condition(paths, "pk"))


def member_can_care(user: User, member: Member) -> bool:
    """The one rule for adding care to a member: a writer of the member's home or hosting
    subtree."""
    return _managed_members(user, for_write=True).filter(pk=member.pk).exists()


def readable_members(*, user: User) -> QuerySet[Member]:
    """Members whose care the user may read (home or hosting subtree)."""
    return _managed_members(user)


def member_get(*, user: User, pk: int) -> Member:
    """A member whose care the user may read, or ``Member.DoesNotExist``."""
    return _managed_members(user).get(pk=pk)


def campaign_queryset(*, user: User) -> QuerySet[CareCampaign]:
    """Campaigns organised in the user's subtrees, those of the organisations above them (a
    town's campaign is its villages' to-do list), and those with visits the user may read (a
    hosting branch records the visit of a member it hosts)."""
    campaigns = CareCampaign.objects.visible_to(user)
    paths = scope_paths(user)
    if paths is not None:
        above = sorted({a for path in paths for a in ancestor_paths(path)})
        reached = CareVisit.objects.visible_to(user).values("campaign_id")
        campaigns |= CareCampaign.objects.filter(Q(path__in=above) | Q(pk__in=reached))
    return campaigns.select_related("organization")


def campaign_get(*, user: User, pk: int) -> CareCampaign:
    return campaign_queryset(user=user).get(pk=pk)


CAMPAIGN_ORDER = ("-starts_on", "-id")


def campaign_rows(*, user: User) -> QuerySet[CareCampaign]:
    """The campaigns the list shows (its page and its export), latest first."""
    return campaign_queryset(user=user).order_by(*CAMPAIGN_ORDER)


def campaign_page(*, user: User, cursor: str, size: int) -> KeysetPage:
    return keyset_page(campaign_rows(user=user), order=CAMPAIGN_ORDER, cursor=cursor, size=size)


def is_organiser(user: User, campaign: CareCampaign) -> bool:
    """Whether the user reads the campaign as its organising subtree (progress per branch)."""
    return CareCampaign.objects.visible_to(user).filter(pk=campaign.pk).exists()


def branch_progress(campaign: CareCampaign) -> list[dict]:
    """Planned and visited per branch, in one grouped query."""
    return list(
        campaign.visits.order_by()
        .values("organization_id", "organization__name")
        .annotate(
            planned=Count("pk", filter=~Q(status=V.NOT_NEEDED)),
            done=Count("pk", filter=Q(status=V.VISITED)),
        )
        .order_by("organization__name")
    )


def visit_progress(*, user: User, campaign: CareCampaign) -> dict:
    """Visited and planned among the campaign's visits the user reads (a branch's own share;
    the organiser reads the campaign's counters)."""
    return campaign_visits(user=user, campaign=campaign).aggregate(
        planned=Count("pk", filter=~Q(status=V.NOT_NEEDED)),
        done=Count("pk", filter=Q(status=V.VISITED)),
    )


def visit_queryset(*, user: User, for_write: bool = False) -> QuerySet[CareVisit]:
    return CareVisit.objects.visible_to(user, for_write=for_write).select_related(
        "member", "family_member", "organization", "campaign", "record"
    )


def campaign_visits(*, user: User, campaign: CareCampaign, status: str = "") -> QuerySet:
    """The visits on the campaign's list that the user may read, to do first."""
    visits = visit_queryset(user=user).filter(campaign=campaign)
    if status:
        visits = visits.filter(status=status)
    return visits


def visit_page(*, user: User, campaign: CareCampaign, status: str, cursor: str, size: int):
    visits = campaign_visits(user=user, campaign=campaign, status=status)
    return keyset_page(visits, order=("organization_id", "id"), cursor=cursor, size=size)


def visit_get(*, user: User, pk: int) -> CareVisit:
    return visit_queryset(user=user).get(pk=pk)


def whereabouts(member_ids: list[int]) -> dict[int, str]:
    """Where each member away is now (the open period's destination), in one query."""
    rows = MobileRecord.objects.filter(
        member_id__in=member_ids, status__in=MobileRecord.AWAY_STATUSES
    ).values_list("member_id", "destination_address")
    return {member_id: place for member_id, place in rows if place}


def writable_visit_ids(*, user: User, ids: list[int]) -> set[int]:
    """Which of these visits the user may record (one query, not one per row)."""
    rows = CareVisit.objects.visible_to(user, for_write=True).filter(pk__in=ids)
    return set(rows.values_list("pk", flat=True))


def visits_to_make(*, user: User, today: datetime.date) -> QuerySet[CareVisit]:
    """Visits still to make in the user's write scope, for campaigns running today."""
    return CareVisit.objects.visible_to(user, for_write=True).filter(
        status=V.TO_VISIT, campaign__starts_on__lte=today, campaign__ends_on__gte=today
    )


def member_records(*, user: User, member: Member, limit: int) -> list[CareRecord]:
    return list(record_queryset(user=user).filter(member=member)[:limit])


def member_greetings(*, user: User, member: Member, limit: int) -> list[Notification]:
    """The political-birthday greetings the management chain sent the member."""
    return list(
        Notification.objects.visible_to(user)
        .filter(kind=POLITICAL_BIRTHDAY, recipient_member=member)
        .select_related("organization")
        .order_by("-created_at", "-id")[:limit]
    )


def greeting_years(member: Member, greeting: Notification) -> int:
    """The N of 入党第N年 the greeting celebrated (its occasion is the year)."""
    year = int(greeting.occasion) if greeting.occasion.isdigit() else greeting.created_at.year
    return year - member.joined_party_on.year
