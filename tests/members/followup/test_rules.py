"""Each rule warning at its boundary: the day before and on the six-month mark.

Every rule is checked twice: the pure function, and the SQL filter the warnings list pages
with (they must agree).
"""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from members.followup import actions as management
from members.followup import rules as warnings
from members.followup import selectors
from members.followup.rules import Code
from members.orglife.actions import AttendanceEntry, activity_create, attendance_record
from tests.factories import make_record

pytestmark = pytest.mark.django_db
D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def flagged(user, record, code: str, day: datetime.date) -> bool:
    """Whether the warning is raised on ``day``; asserts SQL filter and pure rule agree."""
    with time_machine.travel(at(day), tick=False):
        page = selectors.warning_list(user=user, today=day, code=code)
        in_sql = record.pk in [r.pk for r in page.items]
        found = selectors.member_management(member=record.member, today=day)["warnings"]
    in_python = code in [w.code for w in found]
    assert in_sql == in_python, (code, day, in_sql, in_python)
    return in_python


def test_months_are_counted_on_the_calendar():
    assert warnings.add_months(D(2026, 8, 31), -6) == D(2026, 2, 28)
    assert warnings.cutoff(D(2026, 9, 1)) == D(2026, 3, 1)
    assert warnings.dues_cutoff(D(2026, 9, 15)) == D(2026, 3, 1)


@pytest.mark.parametrize(("today", "expected"), [(D(2026, 8, 31), False), (D(2026, 9, 1), True)])
def test_pure_rules_at_the_six_month_mark(today, expected):
    departure = D(2026, 3, 1)
    assert warnings.lost_contact(today=today, departure_date=departure, last_reached_on=None) is (
        expected
    )
    assert warnings.dues_unpaid(today=today, departure_date=D(2025, 1, 1), paid_to=departure) is (
        expected
    )
    assert (
        warnings.should_transfer(
            today=today, departure_date=departure, expected_months=12, taken_in=False
        )
        is expected
    )
    assert (
        warnings.treated_as_leaving(
            today=today,
            departure_date=departure,
            last_took_part_on=None,
            paid_to=None,
            last_work_on=None,
        )
        is expected
    )


def test_a_short_stay_somewhere_unfixed_needs_no_transfer():
    assert not warnings.should_transfer(
        today=D(2027, 3, 1), departure_date=D(2026, 3, 1), expected_months=3, taken_in=False
    )


def test_lost_contact_counts_from_departure_without_any_contact(away, secretary_a):
    assert not flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 8, 31))
    assert flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 9, 1))


def test_lost_contact_counts_from_the_last_successful_contact(away, secretary_a, secretary_b):
    management.contact_record(
        actor=secretary_a,
        member=away.member,
        channel="phone",
        contacted_on=D(2026, 4, 10),
        reached=True,
    )
    # A call nobody answered does not reset the clock.
    management.contact_record(
        actor=secretary_b,
        member=away.member,
        channel="wechat",
        contacted_on=D(2026, 6, 1),
        reached=False,
    )
    assert not flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 10, 9))
    assert flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 10, 10))


def test_regaining_contact_resets_the_clock(away, secretary_a):
    management.lost_contact_mark(actor=secretary_a, member=away.member, marked_on=D(2026, 5, 1))
    management.lost_contact_clear(actor=secretary_a, member=away.member, cleared_on=D(2026, 5, 20))
    assert not flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 11, 19))
    assert flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 11, 20))


def test_dues_warning_when_paid_to_month_is_six_months_behind(away, secretary_a):
    management.dues_payment_record(
        actor=secretary_a,
        member=away.member,
        amount=Decimal("10"),
        period_from=D(2026, 2, 1),
        period_to=D(2026, 3, 1),
        paid_on=D(2026, 3, 20),
    )
    assert not flagged(secretary_a, away, Code.DUES_UNPAID, D(2026, 8, 31))
    assert flagged(secretary_a, away, Code.DUES_UNPAID, D(2026, 9, 1))


def test_transfer_prompt_after_six_months_at_a_fixed_place(away, secretary_a):
    assert not flagged(secretary_a, away, Code.SHOULD_TRANSFER, D(2026, 8, 31))
    assert flagged(secretary_a, away, Code.SHOULD_TRANSFER, D(2026, 9, 1))


def test_no_transfer_prompt_for_a_short_stay_not_taken_in(tree, member_b1, secretary_b):
    record = make_record(
        member_b1, actor=secretary_b, inflow_organization=tree.town_a, expected_months=3
    )
    assert not flagged(secretary_b, record, Code.SHOULD_TRANSFER, D(2026, 11, 1))


def test_card_review_missing_for_last_year(tree, member_a1, secretary_a):
    record = make_record(
        member_a1,
        departure_date=D(2025, 5, 1),
        inflow_organization=tree.town_b,
        activity_card_number="青流2025001",
    )
    assert not flagged(secretary_a, record, Code.CARD_REVIEW, D(2025, 12, 31))
    assert flagged(secretary_a, record, Code.CARD_REVIEW, D(2026, 1, 1))
    management.card_review_record(
        actor=secretary_a, member=member_a1, year=2025, result="passed", reviewed_on=D(2026, 1, 10)
    )
    assert not flagged(secretary_a, record, Code.CARD_REVIEW, D(2026, 1, 11))


def test_no_card_no_review_warning(away, secretary_a):
    assert not flagged(secretary_a, away, Code.CARD_REVIEW, D(2027, 2, 1))


def _took_part(member, organization, user, day, status="present"):
    activity = activity_create(
        actor=user,
        organization=organization,
        kind="theme_day",
        title="主题党日",
        held_at=at(day, 9),
    )
    attendance_record(
        actor=user, activity=activity, entries=[AttendanceEntry(member_id=member.pk, status=status)]
    )


def test_art31_six_months_without_life_dues_or_work(away, tree, secretary_a, secretary_b):
    _took_part(away.member, tree.branch_b1, secretary_b, D(2026, 4, 15), status="online")
    # Absence is no organisational life.
    _took_part(away.member, tree.branch_b1, secretary_b, D(2026, 6, 15), status="absent")
    assert not flagged(secretary_a, away, Code.LEAVING, D(2026, 10, 14))
    assert flagged(secretary_a, away, Code.LEAVING, D(2026, 10, 15))


def test_art31_not_raised_while_work_is_assigned(away, secretary_a):
    management.assigned_work_add(
        actor=secretary_a,
        member=away.member,
        description="联系在外务工党员",
        assigned_on=D(2026, 4, 1),
    )
    assert not flagged(secretary_a, away, Code.LEAVING, D(2026, 11, 20))
    assert flagged(secretary_a, away, Code.LOST_CONTACT, D(2026, 11, 20))


def test_art31_not_raised_with_recent_dues(away, secretary_a):
    management.dues_payment_record(
        actor=secretary_a,
        member=away.member,
        amount=Decimal("10"),
        period_from=D(2026, 6, 1),
        period_to=D(2026, 6, 1),
        paid_on=D(2026, 6, 5),
    )
    assert not flagged(secretary_a, away, Code.LEAVING, D(2026, 11, 30))
    assert flagged(secretary_a, away, Code.LEAVING, D(2026, 12, 1))


def test_categories(tree, member_a1, member_b1, away, secretary_a, secretary_b):
    today = D(2026, 5, 1)
    facts = selectors.member_management
    with time_machine.travel(at(today), tick=False):
        assert facts(member=away.member, today=today)["category"] == "taken_in"
        assert facts(member=away.member, today=D(2026, 9, 1))["category"] == "lost_contact"
        management.contact_record(
            actor=secretary_a,
            member=away.member,
            channel="visit",
            contacted_on=D(2026, 4, 30),
            reached=True,
        )
        assert facts(member=away.member, today=D(2026, 9, 1))["category"] == "fixed_place"
        management.lost_contact_mark(actor=secretary_b, member=away.member, marked_on=today)
        assert facts(member=away.member, today=today)["category"] == "lost_contact"
