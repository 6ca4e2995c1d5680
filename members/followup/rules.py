"""Differentiated management and rule warnings for mobile members (arts. 24, 25, 31; dues; 年审).

Each rule is a pure function of ``today`` and a member's facts, so its boundary dates can be
tested directly. ``managed_records`` annotates the same facts in SQL (one query for a whole
page) and ``WARNING_CONDITIONS`` mirrors the rules as filters, so lists can page through only
the records that carry a warning. Warnings are prompts for a secretary; nothing here changes
a member's status.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
from django.utils.translation import gettext_lazy as _

from members.followup.models import Category, Code
from members.mobility.models import MobileRecord

MONTHS = 6  # arts. 24, 25 and 31 all speak of six months
# A member counts as away (and managed) from the registration until the period ends.
MANAGED_STATUSES = MobileRecord.AWAY_STATUSES


# --- Dates -------------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier); 31 August − 6 months → 28/29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError(day)  # unreachable: every month has a 28th


def cutoff(today: datetime.date) -> datetime.date:
    """The 6-month mark: a date on or before it is six months or more ago."""
    return add_months(today, -MONTHS)


def dues_cutoff(today: datetime.date) -> datetime.date:
    """Paid-to months on or before this one are six months or more behind."""
    return add_months(month_start(today), -MONTHS)


# --- Categories and warnings -------------------------------------------------------------------


EXPECTED_LIFE = {
    Category.LOST_CONTACT: _(
        "Keep trying every channel (family, employer, village); after six months without "
        "contact the branch considers the procedure to stop membership (art. 24)."
    ),
    Category.FIXED_PLACE: _(
        "Away six months or more at a fairly fixed place: prompt the member to transfer "
        "organisational relations (art. 25); until then the inflow branch's life continues."
    ),
    Category.TAKEN_IN: _(
        "Takes part in the inflow branch's 三会一课 and theme Party days; the home branch keeps "
        "in regular contact and sees the attendance."
    ),
    Category.ONLINE_HOME: _(
        "Takes part online in the home branch's organisational life and keeps in touch by "
        "phone or WeChat until an inflow branch takes them in."
    ),
}


LEVELS = {
    Code.SHOULD_TRANSFER: "warn",
    Code.LOST_CONTACT: "danger",
    Code.DUES_UNPAID: "warn",
    Code.CARD_REVIEW: "warn",
    Code.LEAVING: "danger",
}


@dataclass(frozen=True)
class Facts:
    """What the rules read about one mobile member (one open record)."""

    status: str
    departure_date: datetime.date
    expected_months: int | None = None
    card_number: str = ""
    last_contact_on: datetime.date | None = None
    last_cleared_on: datetime.date | None = None
    open_mark: bool = False
    paid_to: datetime.date | None = None
    last_took_part_on: datetime.date | None = None
    last_work_on: datetime.date | None = None
    reviewed_last_year: bool = False

    @property
    def reach_basis(self) -> datetime.date:
        """What the lost-contact clock counts from: the later of the departure, the last
        successful contact and the last day a lost-contact mark was cleared (contact regained)."""
        dates = (self.last_contact_on, self.last_cleared_on, self.departure_date)
        return max(d for d in dates if d is not None)


@dataclass(frozen=True)
class Warning:
    code: str
    since: datetime.date  # the date the six months (or the review year) count from
    episode: str  # what makes a reminder unique: a new lapse is a new reminder

    @property
    def label(self) -> str:
        return Code(self.code).label

    @property
    def level(self) -> str:
        return LEVELS[self.code]


def should_transfer(*, today, departure_date, expected_months, taken_in: bool) -> bool:
    """Art. 25: away six months or more at a fairly fixed place (taken in, or staying long)."""
    fixed = taken_in or (expected_months or 0) >= MONTHS
    return departure_date <= cutoff(today) and fixed


def lost_contact(*, today, departure_date, last_reached_on) -> bool:
    """Art. 24: no successful contact for six months (counted from departure if never)."""
    return max(last_reached_on or departure_date, departure_date) <= cutoff(today)


def dues_unpaid(*, today, departure_date, paid_to) -> bool:
    """Paid-to month six months or more behind today's month (from departure if never paid)."""
    return month_start(paid_to or departure_date) <= dues_cutoff(today)


def card_review_missing(*, today, card_number, departure_date, reviewed_last_year) -> bool:
    """年审: a member holding an activity card last year needs a review for that year (or
    a later one)."""
    return bool(card_number) and departure_date.year < today.year and not reviewed_last_year


def treated_as_leaving(*, today, departure_date, last_took_part_on, paid_to, last_work_on) -> bool:
    """Art. 31: six months with no organisational life, no dues and no assigned work."""
    no_life = (last_took_part_on or departure_date) <= cutoff(today)
    no_work = (last_work_on or departure_date) <= cutoff(today)
    no_dues = dues_unpaid(today=today, departure_date=departure_date, paid_to=paid_to)
    return no_life and no_work and no_dues


def warnings_for(facts: Facts, *, today: datetime.date) -> list[Warning]:
    """Every warning the member's facts raise today, most urgent first."""
    found = []
    departure = facts.departure_date
    reached = facts.reach_basis
    if lost_contact(today=today, departure_date=departure, last_reached_on=reached):
        found.append(Warning(Code.LOST_CONTACT, reached, f"{reached:%Y%m%d}"))
    last = (facts.last_took_part_on, facts.paid_to, facts.last_work_on)
    if treated_as_leaving(
        today=today,
        departure_date=departure,
        last_took_part_on=last[0],
        paid_to=last[1],
        last_work_on=last[2],
    ):
        since = max(d for d in (*last, departure) if d is not None)
        episode = ":".join(f"{d or departure:%Y%m%d}" for d in last)
        found.append(Warning(Code.LEAVING, since, episode))
    if dues_unpaid(today=today, departure_date=departure, paid_to=facts.paid_to):
        paid = month_start(facts.paid_to or departure)
        found.append(Warning(Code.DUES_UNPAID, paid, f"{paid:%Y%m}"))
    taken_in = facts.status == MobileRecord.Status.TAKEN_IN
    if should_transfer(
        today=today,
        departure_date=departure,
        expected_months=facts.expected_months,
        taken_in=taken_in,
    ):
        found.append(Warning(Code.SHOULD_TRANSFER, departure, "once"))
    if card_review_missing(
        today=today,
        card_number=facts.card_number,
        departure_date=departure,
        reviewed_last_year=facts.reviewed_last_year,
    ):
        year = today.year - 1
        found.append(Warning(Code.CARD_REVIEW, datetime.date(year, 1, 1), str(year)))
    return found


def category_for(facts: Facts, *, today: datetime.date) -> str:
    """Which kind of management the member needs; the most pressing category wins."""
    if facts.open_mark or lost_contact(
        today=today, departure_date=facts.departure_date, last_reached_on=facts.reach_basis
    ):
        return Category.LOST_CONTACT
    taken_in = facts.status == MobileRecord.Status.TAKEN_IN
    if should_transfer(
        today=today,
        departure_date=facts.departure_date,
        expected_months=facts.expected_months,
        taken_in=taken_in,
    ):
        return Category.FIXED_PLACE
    return Category.TAKEN_IN if taken_in else Category.ONLINE_HOME


# --- The same rules in SQL ---------------------------------------------------------------------
# Over the facts stored on each record (followup.models.record_facts_refresh keeps them), so
# every rule is a comparison of a record's own columns with today: no subquery per record.


def _fact_annotations(today: datetime.date) -> dict:
    last_work_on = Case(
        When(work_until__isnull=True, then=Value(None)),
        default=Least("work_until", Value(today)),
        output_field=DateField(),
    )
    return _reach_annotations() | {
        # Reviewed for last year or since (a column, not a subquery per record).
        "reviewed_last_year": Case(
            When(reviewed_to__gte=today.year - 1, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "dues_basis": Coalesce("paid_to", TruncMonth("departure_date"), output_field=DateField()),
        "last_work_on": last_work_on,
        "work_basis": Coalesce(last_work_on, "departure_date", output_field=DateField()),
        "life_basis": Coalesce("last_life_on", "departure_date", output_field=DateField()),
    }


def _reach_annotations() -> dict:
    """Mirrors ``Facts.reach_basis``."""
    return {
        "reach_basis": Greatest(
            Coalesce("last_contact_on", "departure_date"),
            Coalesce("last_cleared_on", "departure_date"),
            "departure_date",
        ),
    }


def warning_conditions(today: datetime.date) -> dict[str, Q]:
    """Each rule as a filter over ``managed_records`` annotations (same boundaries)."""
    mark, paid_mark = cutoff(today), dues_cutoff(today)
    dues = Q(dues_basis__lte=paid_mark)
    no_life = Q(life_basis__lte=mark)
    fixed = Q(status=MobileRecord.Status.TAKEN_IN) | Q(expected_months__gte=MONTHS)
    return {
        Code.LOST_CONTACT: Q(reach_basis__lte=mark),
        Code.LEAVING: no_life & Q(work_basis__lte=mark) & dues,
        Code.DUES_UNPAID: dues,
        Code.SHOULD_TRANSFER: Q(departure_date__lte=mark) & fixed,
        Code.CARD_REVIEW: ~Q(activity_card_number="")
        & Q(departure_date__year__lt=today.year, reviewed_last_year=False),
    }


def category_expression(today: datetime.date) -> Case:
    conditions = warning_conditions(today)
    return Case(
        When(Q(open_mark=True) | conditions[Code.LOST_CONTACT], then=Value(Category.LOST_CONTACT)),
        When(conditions[Code.SHOULD_TRANSFER], then=Value(Category.FIXED_PLACE)),
        When(status=MobileRecord.Status.TAKEN_IN, then=Value(Category.TAKEN_IN)),
        default=Value(Category.ONLINE_HOME),
        output_field=CharField(),
    )


def with_category(records: QuerySet[MobileRecord], *, today: datetime.date) -> QuerySet:
    """Managed records annotated with their ``category`` (only what the category needs)."""
    return (
        records.filter(status__in=MANAGED_STATUSES)
        .annotate(**_reach_annotations())
        .annotate(category=category_expression(today))
    )


def managed_records(records: QuerySet[MobileRecord], *, today: datetime.date) -> QuerySet:
    """Managed records with every fact the rules need, and ``category``."""
    return (
        records.filter(status__in=MANAGED_STATUSES)
        .annotate(**_fact_annotations(today))
        .annotate(category=category_expression(today))
    )


def with_any_warning(records: QuerySet, *, today: datetime.date, code: str = "") -> QuerySet:
    conditions = warning_conditions(today)
    if code in conditions:
        return records.filter(conditions[code])
    condition = Q(pk__in=[])
    for each in conditions.values():
        condition |= each
    return records.filter(condition)


def facts_of(record: MobileRecord) -> Facts:
    """Facts from a row of ``managed_records``."""
    return Facts(
        status=record.status,
        departure_date=record.departure_date,
        expected_months=record.expected_months,
        card_number=record.activity_card_number,
        last_contact_on=record.last_contact_on,
        last_cleared_on=record.last_cleared_on,
        open_mark=bool(record.open_mark),
        paid_to=record.paid_to,
        last_took_part_on=record.last_life_on,
        last_work_on=record.last_work_on,
        reviewed_last_year=bool(record.reviewed_last_year),
    )
