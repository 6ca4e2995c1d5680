"""Scoped reads of differentiated management: warnings lists, category counts, one member."""

import datetime

from django.db.models import Count, Max, QuerySet

from members.files.models import Member
from members.followup.models import managed_members_condition
from members.followup.rules import (
    EXPECTED_LIFE,
    Category,
    category_for,
    facts_of,
    managed_records,
    warnings_for,
    with_any_warning,
    with_category,
)
from members.mobility.models import MobileRecord
from members.mobility.selectors import with_record_related
from members.organizations.models import User
from members.pagination import KeysetPage, keyset_page
from members.scoping import scope_paths


def managed_member_queryset(*, user: User, for_write: bool = False) -> QuerySet[Member]:
    """Members the user manages: files in the user's subtrees, and mobile members hosted there."""
    paths = scope_paths(user, for_write=for_write)
    members = Member.objects.select_related("organization", "home_external")
    return members if paths is None else members.filter(managed_members_condition(paths, "pk"))


def managed_member_get(*, user: User, pk: int, for_write: bool = False) -> Member:
    """One managed member, or ``Member.DoesNotExist``."""
    return managed_member_queryset(user=user, for_write=for_write).get(pk=pk)


def warning_list(
    *, user: User, today: datetime.date, code: str = "", cursor: str = "", size: int = 25
) -> KeysetPage:
    """One page of the user's mobile members with warnings, longest away first; no COUNT.

    Longest away first puts the most pressing at the top, and lets the database walk the
    departure index from the oldest, where warnings are dense (the newest registrations carry
    none yet). Each record carries ``warnings`` (and ``category``); the page costs one query.
    """
    records = warning_records(user=user, today=today, code=code)
    page = keyset_page(records, order=WARNING_ORDER, cursor=cursor, size=size)
    with_warnings(page.items, today=today, code=code)
    return page


WARNING_ORDER = ("departure_date", "id")


def warning_records(*, user: User, today: datetime.date, code: str = "") -> QuerySet[MobileRecord]:
    """The warnings list's rows (the page and its export): the user's mobile members with a
    warning (of ``code``, if given), longest away first."""
    records = with_record_related(MobileRecord.objects.visible_to(user)).prefetch_related(
        "member__organization"
    )
    records = with_any_warning(managed_records(records, today=today), today=today, code=code)
    return records.order_by(*WARNING_ORDER)


def with_warnings(records, *, today: datetime.date, code: str = "") -> None:
    """Give each record (of ``warning_records``) its ``warnings``, those of ``code`` if given."""
    for record in records:
        found = warnings_for(facts_of(record), today=today)
        record.warnings = [w for w in found if not code or w.code == code]


def records_filtered(
    records: QuerySet[MobileRecord], *, status: str, category: str, today: datetime.date
) -> QuerySet[MobileRecord]:
    """The records list's rows (the page and its export): of a status and a management
    category ("" for any), newest first."""
    if status:
        records = records.filter(status=status)
    if category:
        records = in_category(records, category=category, today=today)
    return records.order_by("-id")


def warning_count(*, user: User, today: datetime.date, code: str) -> int:
    """How many mobile members ``warning_list`` shows with the warning ``code`` (one COUNT)."""
    records = managed_records(MobileRecord.objects.visible_to(user), today=today)
    return with_any_warning(records, today=today, code=code).order_by().count()


def in_category(records: QuerySet[MobileRecord], *, category: str, today: datetime.date):
    """The managed records of one management category (差异化管理)."""
    return with_category(records, today=today).filter(category=category)


def category_counts(records: QuerySet[MobileRecord], *, today: datetime.date) -> dict[str, int]:
    """Managed records per category, in one grouped query."""
    rows = (
        with_category(records, today=today)
        .order_by()
        .values("category")
        .annotate(n=Count("*"))
        .values_list("category", "n")
    )
    counts = dict.fromkeys(Category.values, 0)
    counts.update(rows)
    return counts


def member_management(*, member: Member, today: datetime.date) -> dict:
    """Category, expected organisational life and warnings of one member (already in scope)."""
    record = managed_records(member.mobile_records.all(), today=today).first()
    paid_to = record.paid_to if record else dues_paid_to(member)
    context = {"record": record, "warnings": [], "category": None, "paid_to": paid_to}
    if record is not None:
        facts = facts_of(record)
        category = category_for(facts, today=today)
        context |= {
            "facts": facts,
            "warnings": warnings_for(facts, today=today),
            "category": Category(category),
            "expected_life": EXPECTED_LIFE[category],
        }
    return context


def dues_paid_to(member: Member) -> datetime.date | None:
    """The last month paid (first day of that month), or ``None`` with no payment recorded."""
    return member.dues_payments.aggregate(paid_to=Max("period_to"))["paid_to"]


def dues_rate_on(member: Member, month: datetime.date):
    return member.dues_rates.filter(since__lte=month.replace(day=1)).order_by("-since").first()
