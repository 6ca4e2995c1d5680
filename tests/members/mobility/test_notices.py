import datetime

import pytest
import time_machine
from django.utils import timezone

from members.mobility import actions as records
from members.mobility.actions import mobile_records_remind
from members.mobility.tasks import mobile_records_remind_task
from members.outbox.models import Notification
from tests.factories import make_record

pytestmark = pytest.mark.django_db
SUBMITTED = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


def inbox(user, kind="record_update"):
    return list(Notification.objects.filter(recipient_user=user, kind=kind))


def test_each_step_tells_the_other_side(tree, member_a1, secretary_a, secretary_b):
    record = records.mobile_record_create(actor=secretary_a, member=member_a1, **_fields(tree))
    records.mobile_record_submit(actor=secretary_a, record=record)

    [message] = inbox(secretary_b)
    assert "张善强" in message.text
    assert message.link == record.get_absolute_url()
    assert inbox(secretary_a) == []

    records.mobile_record_take_in(actor=secretary_b, record=record, inflow_contact_person="刘德花")
    [reply] = inbox(secretary_a)
    assert reply.sender == secretary_b
    assert len(inbox(secretary_b)) == 1


def _fields(tree):
    from tests.factories import registration_fields

    return registration_fields(inflow_organization=tree.town_b)


@pytest.fixture
def waiting(tree, member_a1, secretary_a, secretary_b):
    with time_machine.travel(SUBMITTED, tick=False):
        return make_record(member_a1, inflow_organization=tree.town_b)


def test_no_reminder_before_seven_days(waiting, secretary_b):
    with time_machine.travel(SUBMITTED + datetime.timedelta(days=6, hours=23), tick=False):
        assert mobile_records_remind() == 0
    assert inbox(secretary_b, "record_reminder") == []


def test_review_reminder_after_seven_days_is_sent_once(waiting, secretary_a, secretary_b):
    with time_machine.travel(SUBMITTED + datetime.timedelta(days=7), tick=False):
        mobile_records_remind()
        mobile_records_remind()
        mobile_records_remind_task.delay()

    [reminder] = inbox(secretary_b, "record_reminder")
    assert "7" in reminder.text
    assert inbox(secretary_a, "record_reminder") == []


def test_report_reminder_after_thirty_days_reaches_both_sides(waiting, secretary_a, secretary_b):
    with time_machine.travel(SUBMITTED + datetime.timedelta(days=30), tick=False):
        mobile_records_remind()

    assert len(inbox(secretary_b, "record_reminder")) == 2  # review, then report
    assert len(inbox(secretary_a, "record_reminder")) == 1


def test_no_reminder_once_taken_in(waiting, secretary_b):
    records.mobile_record_take_in(actor=secretary_b, record=waiting, inflow_contact_person="刘德花")

    with time_machine.travel(timezone.now() + datetime.timedelta(days=40), tick=False):
        assert mobile_records_remind() == 0
