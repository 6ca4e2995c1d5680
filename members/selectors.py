"""Scoped reads of the management chain; every page, API list and export starts here."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from members import crypto
from members.models import Member, MobileRecord, Organization, RecordEvent, User
from members.models.members import add_years
from members.models.organizations import subtree_q
from members.validators import normalize_id_number
from members.warnings import category_counts, with_category

AGE_BANDS = {
    "under30": (None, 30),
    "30to45": (30, 46),
    "46to60": (46, 61),
    "over60": (61, None),
}
ID_LIKE_RE = re.compile(r"^\d{17}[\dXx]$")
INITIALS_RE = re.compile(r"^[A-Za-z]+$")


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    organization: Organization | None = None
    status: str = ""
    category: str = ""
    gender: str = ""
    age_band: str = ""


def member_queryset(*, user: User, for_write: bool = False) -> QuerySet[Member]:
    return Member.objects.visible_to(user, for_write=for_write).select_related("organization")


def member_search(*, user: User, filters: MemberFilters) -> QuerySet[Member]:
    """Members in the user's scope matching the filters; every condition is index-backed."""
    members = member_queryset(user=user)
    if filters.q:
        members = members.filter(_search_condition(filters.q.strip()))
    if filters.organization is not None:
        members = members.filter(
            organization__in=Organization.objects.filter(subtree_q([filters.organization.path]))
        )
    for field in ("status", "category", "gender"):
        if value := getattr(filters, field):
            members = members.filter(**{field: value})
    if filters.age_band in AGE_BANDS:
        members = members.filter(_age_condition(*AGE_BANDS[filters.age_band]))
    return members


def _search_condition(q: str) -> Q:
    """Exact ID number (by keyed hash), pinyin initials prefix, or a name fragment."""
    if ID_LIKE_RE.match(q):
        return Q(id_number_hash=crypto.keyed_hash(normalize_id_number(q)))
    if INITIALS_RE.match(q):
        return Q(name_initials__startswith=q.lower())
    if len(q) == 1:
        # One character is a surname; a trigram index cannot serve it, the prefix index can.
        return Q(name__startswith=q)
    return Q(name__contains=q)


def _age_condition(min_age: int | None, max_age: int | None) -> Q:
    today = timezone.localdate()
    condition = Q()
    if min_age is not None:
        condition &= Q(birth_date__lte=add_years(today, -min_age))
    if max_age is not None:
        condition &= Q(birth_date__gt=add_years(today, -max_age))
    return condition


def member_get(*, user: User, pk: int, for_write: bool = False) -> Member:
    """One member in scope, or ``Member.DoesNotExist`` (views turn it into a 404)."""
    return member_queryset(user=user, for_write=for_write).get(pk=pk)


def organization_queryset(*, user: User) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user)


def user_can_write_member(user: User, member: Member) -> bool:
    return Member.objects.visible_to(user, for_write=True).filter(pk=member.pk).exists()


def members_taken_in_by(*, organization: Organization) -> QuerySet[Member]:
    """Members whose current period away was taken in within the organisation's subtree.

    The inflow side's mobile members (接收纳管): their file stays with the home branch, so
    ``Member.objects.visible_to`` does not reach them; messages and organisational life do.
    A record taken in without naming a receiving branch counts for its inflow organisation.
    """
    path = organization.path
    records = MobileRecord.objects.filter(status=MobileRecord.Status.TAKEN_IN).filter(
        Q(taken_in_by__path__startswith=path)
        | Q(taken_in_by__isnull=True, inflow_organization__path__startswith=path)
    )
    return Member.objects.filter(pk__in=records.values("member_id"))


# --- Mobile records -------------------------------------------------------------------------


def record_queryset(*, user: User) -> QuerySet[MobileRecord]:
    """Records the user may read from either side, with what the pages show of them."""
    return MobileRecord.objects.visible_to(user).select_related(
        "member", "outflow_organization", "outflow_external", "inflow_organization",
        "inflow_external", "taken_in_by",
    )  # fmt: skip


def record_list(*, user: User, side: str, status: str = "", before: int | None = None,
                size: int = 25, category: str = "",
                ) -> tuple[list[MobileRecord], int | None]:  # fmt: skip
    """One page of the outflow side's follow list or the inflow side's inbox, newest first.

    Returns the records and the id to continue from (``None`` on the last page); no COUNT.
    ``category`` keeps the mobile members of one management category (差异化管理).
    """
    records = record_side(user=user, side=side)
    if status:
        records = records.filter(status=status)
    if category:
        records = with_category(records, today=timezone.localdate()).filter(category=category)
    if before:
        records = records.filter(id__lt=before)
    page = list(records.order_by("-id")[: size + 1])
    return page[:size], (page[size - 1].id if len(page) > size else None)


def record_side(*, user: User, side: str) -> QuerySet[MobileRecord]:
    """The outflow side's follow list or the inflow side's records, unordered."""
    records = record_queryset(user=user)
    return (records.inflow_side_of if side == "inflow" else records.outflow_side_of)(user)


def record_category_counts(*, user: User, side: str) -> dict[str, int]:
    """Mobile members of the list per management category: one grouped query."""
    return category_counts(record_side(user=user, side=side), today=timezone.localdate())


def inflow_inbox(*, user: User) -> QuerySet[MobileRecord]:
    """Registrations waiting for the user's organisations to take the member in, oldest first."""
    return (
        record_queryset(user=user)
        .inflow_side_of(user)
        .filter(status=MobileRecord.Status.WAITING)
        .order_by("submitted_at", "id")
    )


def record_get(*, user: User, pk: int) -> MobileRecord:
    return record_queryset(user=user).get(pk=pk)


def record_timeline(*, record: MobileRecord) -> QuerySet[RecordEvent]:
    return record.events.select_related("actor").order_by("created_at", "id")


def member_mobility_path(*, user: User, member: Member) -> QuerySet[MobileRecord]:
    """The member's periods away (流动路径), oldest first, as far as the user may see them."""
    return record_queryset(user=user).filter(member=member).order_by("departure_date", "id")
