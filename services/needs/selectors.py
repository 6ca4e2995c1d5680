"""Scoped reads of the monthly needs collection: a month's rounds, a round's rows, the summary
of an organisation's subtree (from the rounds' counters, never counting every row)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.mobility.models import MobileRecord
from members.organizations.models import Organization, User
from members.pagination import KeysetPage, keyset_page
from members.scoping import can_write, subtree_q
from services.cases.models import Category
from services.needs.models import NeedsEntry, NeedsRound

OUTCOME = NeedsEntry.Outcome


def parse_month(text: str | None) -> datetime.date | None:
    """``YYYY-MM`` → the month's first day; anything else → ``None``."""
    year, dash, month = (text or "").strip().partition("-")
    if not (dash and year.isdigit() and month.isdigit() and len(year) == 4):
        return None
    try:
        return datetime.date(int(year), int(month), 1)
    except ValueError:
        return None


def chosen_month(text: str | None) -> datetime.date:
    """The month the list shows: ``YYYY-MM`` when it reads as one, else this month."""
    return parse_month(text) or timezone.localdate().replace(day=1)


def round_queryset(*, user: User, for_write: bool = False) -> QuerySet[NeedsRound]:
    return NeedsRound.objects.visible_to(user, for_write=for_write).select_related("organization")


def round_get(*, user: User, pk: int) -> NeedsRound:
    return round_queryset(user=user).get(pk=pk)


def round_can_write(user: User, needs_round: NeedsRound) -> bool:
    return can_write(user, needs_round)


ROUND_ORDER = ("path", "id")


def month_round_rows(*, user: User, month: datetime.date) -> QuerySet[NeedsRound]:
    """The month's rounds the list shows (its page and its export), in the tree's order."""
    return round_queryset(user=user).filter(month=month).order_by(*ROUND_ORDER)


def month_rounds(*, user: User, month: datetime.date, cursor: str, size: int) -> KeysetPage:
    rounds = month_round_rows(user=user, month=month)
    return keyset_page(rounds, order=ROUND_ORDER, cursor=cursor, size=size)


def entry_queryset(*, user: User, for_write: bool = False) -> QuerySet[NeedsEntry]:
    return NeedsEntry.objects.visible_to(user, for_write=for_write).select_related(
        "member", "round__organization"
    )


def entry_get(*, user: User, pk: int) -> NeedsEntry:
    return entry_queryset(user=user).get(pk=pk)


def round_entries(*, needs_round: NeedsRound, todo: bool = False) -> QuerySet[NeedsEntry]:
    """The round's rows (its readers read them all); ``todo``: those not asked yet."""
    entries = needs_round.entries.select_related("member")
    return entries.filter(outcome=OUTCOME.NOT_YET) if todo else entries


def where_now(member_ids: list[int]) -> dict[int, str]:
    """Where each member is now: the open period away's destination (one query)."""
    away = MobileRecord.objects.filter(
        member_id__in=member_ids, status__in=MobileRecord.AWAY_STATUSES
    ).values_list("member_id", "destination_address")
    return dict(away)


@dataclass(frozen=True)
class Totals:
    members: int
    asked: int
    unreachable: int
    needs: int
    cases: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.asked / self.members) if self.members else 100


COUNTERS = {
    "members": "members_count",
    "asked": "asked_count",
    "unreachable": "unreachable_count",
    "needs": "needs_count",
    "cases": "cases_count",
}


def totals_of(needs_round: NeedsRound) -> Totals:
    return Totals(**{name: getattr(needs_round, field) for name, field in COUNTERS.items()})


def subtree_rounds(*, user: User, organization: Organization, month: datetime.date):
    """The month's rounds under the organisation that the user reads (one prefix condition
    for the subtree, one per scope path)."""
    return round_queryset(user=user).filter(subtree_q([organization.path], "path"), month=month)


def summary_totals(rounds: QuerySet[NeedsRound]) -> Totals:
    sums = {
        name: Coalesce(Sum(field), 0, output_field=IntegerField())
        for name, field in COUNTERS.items()
    }
    return Totals(**rounds.order_by().aggregate(**sums))


def summary_category_counts(rounds: QuerySet[NeedsRound]) -> list[tuple[str, int]]:
    """Rows with needs per category, in the categories' order (only those rows are read:
    the partial index on rows with needs)."""
    counts = dict(
        NeedsEntry.objects.filter(round__in=rounds.order_by().values("pk"), outcome=OUTCOME.NEEDS)
        .order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    return [(value, counts[value]) for value in Category.values if counts.get(value)]


def summary_categories(rounds: QuerySet[NeedsRound]) -> list[tuple[str, int]]:
    labels = dict(Category.choices)
    return [(labels[value], n) for value, n in summary_category_counts(rounds)]


def not_contacted(*, rounds: QuerySet[NeedsRound], cursor: str, size: int) -> KeysetPage:
    """Rows not asked yet, by round and id: names and branch only.

    The page is chosen on the rows alone (one index range per round), then its few rows are
    read with their member and branch: joining first would join every row not yet asked in
    a county (measured: 9,572 rows joined for 51 shown, 430 ms; see bench/README.md).
    """
    entries = NeedsEntry.objects.filter(
        round__in=rounds.order_by().values("pk"), outcome=OUTCOME.NOT_YET
    ).only("pk", "round_id", "member_id")
    page = keyset_page(entries, order=("round_id", "id"), cursor=cursor, size=size)
    full = NeedsEntry.objects.select_related("member", "round__organization").in_bulk(
        [entry.pk for entry in page.items]
    )
    return KeysetPage(
        items=[full[entry.pk] for entry in page.items],
        next_cursor=page.next_cursor,
        previous_cursor=page.previous_cursor,
    )


def summary_organizations(*, user: User) -> QuerySet[Organization]:
    """The organisations a summary may be asked for from the picker: the user's own (the
    superuser: the top two levels), not every organisation of a province."""
    if user.is_superuser:
        return Organization.objects.filter(depth__lte=2).order_by("path")
    return Organization.objects.filter(assignments__user=user).distinct().order_by("path")
