"""Actions of differentiated management: contacts from both sides, lost contact, dues, reviews."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.followup import actions as management
from members.followup.models import ContactLog, DuesPayment, LostContactMark
from members.followup.selectors import dues_paid_to
from members.mobility.models import RecordEvent
from tests.factories import make_member, make_record

pytestmark = pytest.mark.django_db
D = datetime.date


def test_both_sides_log_contacts_into_the_record_timeline(away, secretary_a, secretary_b):
    home = management.contact_record(
        actor=secretary_a,
        member=away.member,
        channel="phone",
        contacted_on=D(2026, 4, 1),
        reached=True,
        note="在工地",
    )
    host = management.contact_record(
        actor=secretary_b,
        member=away.member,
        channel="visit",
        contacted_on=D(2026, 4, 2),
        reached=False,
    )

    assert (home.side, home.record, home.by) == ("outflow", away, secretary_a)
    assert (host.side, host.record, host.by) == ("inflow", away, secretary_b)
    events = away.events.filter(kind=RecordEvent.Kind.CONTACT)
    assert list(events.values_list("side", flat=True)) == ["outflow", "inflow"]
    assert "在工地" in events[0].text


@pytest.mark.parametrize("persona", ["viewer_b", "outsider"])
def test_others_may_not_log_contacts(request, away, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        management.contact_record(
            actor=user,
            member=away.member,
            channel="phone",
            contacted_on=D(2026, 4, 1),
            reached=True,
        )
    assert not ContactLog.objects.exists()


def test_the_inflow_side_acts_only_on_members_it_hosts(tree, secretary_b):
    at_home = make_member(tree.branch_a1)
    with pytest.raises(PermissionDenied):
        management.contact_record(
            actor=secretary_b,
            member=at_home,
            channel="phone",
            contacted_on=D(2026, 4, 1),
            reached=True,
        )


def test_contact_cannot_be_in_the_future(away, secretary_a):
    with pytest.raises(ValidationError) as error:
        management.contact_record(
            actor=secretary_a,
            member=away.member,
            channel="phone",
            contacted_on=D(2099, 1, 1),
            reached=True,
        )
    assert "contacted_on" in error.value.message_dict


def test_lost_contact_mark_and_clear_are_recorded_once(away, secretary_a, secretary_b):
    mark = management.lost_contact_mark(
        actor=secretary_b, member=away.member, marked_on=D(2026, 5, 1), note="电话停机"
    )
    with pytest.raises(ValidationError) as error:
        management.lost_contact_mark(actor=secretary_a, member=away.member, marked_on=D(2026, 5, 2))
    assert "marked_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        management.lost_contact_clear(
            actor=secretary_a, member=away.member, cleared_on=D(2026, 4, 1)
        )
    assert "cleared_on" in error.value.message_dict

    management.lost_contact_clear(actor=secretary_a, member=away.member, cleared_on=D(2026, 6, 1))

    mark.refresh_from_db()
    assert (mark.cleared_on, mark.cleared_by) == (D(2026, 6, 1), secretary_a)
    texts = list(away.events.filter(kind__in=["note", "contact"]).values_list("text", flat=True))
    assert any("2026-05-01" in t for t in texts)
    assert any("2026-06-01" in t for t in texts)
    with pytest.raises(ValidationError):
        management.lost_contact_clear(
            actor=secretary_a, member=away.member, cleared_on=D(2026, 6, 2)
        )
    assert LostContactMark.objects.count() == 1


# --- Dues --------------------------------------------------------------------------------------


def pay(actor, member, start, end, paid_on, **extra):
    return management.dues_payment_record(
        actor=actor,
        member=member,
        amount=Decimal("12.50"),
        period_from=start,
        period_to=end,
        paid_on=paid_on,
        **extra,
    )


def test_back_pay_reaches_six_months_and_no_further(away, secretary_a):
    with pytest.raises(ValidationError) as error:
        pay(secretary_a, away.member, D(2026, 1, 1), D(2026, 8, 1), D(2026, 8, 10))
    assert "6" in error.value.message_dict["period_from"][0]
    assert "2026-02" in error.value.message_dict["period_from"][0]
    assert not DuesPayment.objects.exists()

    payment = pay(secretary_a, away.member, D(2026, 2, 1), D(2026, 8, 1), D(2026, 8, 10))
    assert (payment.place, payment.organization) == ("home", away.member.organization)
    assert dues_paid_to(away.member) == D(2026, 8, 1)


def test_months_cannot_be_paid_twice(away, secretary_a, secretary_b):
    pay(secretary_a, away.member, D(2026, 3, 1), D(2026, 5, 1), D(2026, 5, 3))
    with pytest.raises(ValidationError) as error:
        pay(secretary_b, away.member, D(2026, 5, 1), D(2026, 6, 1), D(2026, 6, 3), place="inflow")
    assert "2026-03" in error.value.message_dict["period_from"][0]
    assert DuesPayment.objects.count() == 1


def test_paying_ahead_needs_quarterly_consent(away, secretary_a, secretary_b):
    with pytest.raises(ValidationError) as error:
        pay(secretary_a, away.member, D(2026, 6, 1), D(2026, 8, 1), D(2026, 6, 3))
    assert "period_to" in error.value.message_dict
    assert not DuesPayment.objects.exists()
    # Only the home branch sets the dues and records the consent.
    with pytest.raises(PermissionDenied):
        management.dues_rate_set(
            actor=secretary_b,
            member=away.member,
            amount=Decimal("12.50"),
            since=D(2026, 1, 1),
            quarterly_consent=True,
        )
    management.dues_rate_set(
        actor=secretary_a,
        member=away.member,
        amount=Decimal("12.50"),
        since=D(2026, 1, 1),
        quarterly_consent=True,
    )
    with pytest.raises(ValidationError) as error:
        pay(secretary_a, away.member, D(2026, 6, 1), D(2026, 9, 1), D(2026, 6, 3))
    assert "2026-08" in error.value.message_dict["period_to"][0]

    payment = pay(
        secretary_b, away.member, D(2026, 6, 1), D(2026, 8, 1), D(2026, 6, 3), place="inflow"
    )
    assert payment.organization == away.taken_in_by


def test_paying_at_the_inflow_branch_needs_one(tree, member_b1, secretary_b):
    make_record(member_b1, actor=secretary_b, submit=False)
    with pytest.raises(ValidationError) as error:
        pay(secretary_b, member_b1, D(2026, 6, 1), D(2026, 6, 1), D(2026, 6, 3), place="inflow")
    assert "place" in error.value.message_dict


def test_card_review_once_a_year(away, secretary_b):
    management.card_review_record(
        actor=secretary_b, member=away.member, year=2025, result="passed", reviewed_on=D(2026, 1, 5)
    )
    with pytest.raises(ValidationError) as error:
        management.card_review_record(
            actor=secretary_b,
            member=away.member,
            year=2025,
            result="not_passed",
            reviewed_on=D(2026, 1, 6),
        )
    assert "year" in error.value.message_dict
    assert away.member.card_reviews.get().result == "passed"


def test_correcting_a_dues_rate_keeps_the_rate_it_replaced(away, secretary_a):
    management.dues_rate_set(
        actor=secretary_a, member=away.member, amount=Decimal("0.20"), since=D(2026, 1, 1)
    )
    rate = management.dues_rate_set(
        actor=secretary_a, member=away.member, amount=Decimal("0.50"), since=D(2026, 1, 15)
    )

    amounts = [h.amount for h in rate.history.order_by("history_id")]
    assert amounts == [Decimal("0.20"), Decimal("0.50")]
    assert away.member.dues_rates.count() == 1
