"""Two inflow users take in the same record at the same moment: one wins, one gets a conflict."""

import threading

import pytest
from django.db import connection, transaction

from members.mobility import actions as records
from members.mobility.models import MobileRecord
from members.workflow import TransitionError
from tests.factories import assign, make_record

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def _other_session_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        # Activity statistics are a per-transaction snapshot unless cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def test_concurrent_take_in_exactly_one_succeeds(tree, member_a1, secretary_b):
    from tests.factories import UserFactory

    colleague = UserFactory(username="colleague", full_name="南滩组织委员")
    assign(colleague, tree.branch_b1, "officer")
    record = make_record(member_a1, inflow_organization=tree.branch_b1)
    second_started = threading.Event()
    outcome = {}

    def second_user():
        second_started.set()
        try:
            records.mobile_record_take_in(
                actor=colleague, record=record, inflow_contact_person="乙"
            )
            outcome["second"] = "taken in"
        except TransitionError as exc:
            outcome["second"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=second_user)
    with transaction.atomic():
        records.mobile_record_take_in(actor=secretary_b, record=record, inflow_contact_person="甲")
        thread.start()
        second_started.wait(timeout=10)
        # Hold our lock until the other session is queued behind it (bounded busy wait).
        assert any(_other_session_waits_for_a_lock() for _ in range(20000))
    thread.join(timeout=30)

    assert isinstance(outcome["second"], TransitionError)
    record.refresh_from_db()
    assert record.status == MobileRecord.Status.TAKEN_IN
    assert record.inflow_contact_person == "甲"
    assert record.events.filter(transition="take_in").count() == 1


def test_two_registrations_at_once_one_clear_error(tree, member_a1, secretary_a):
    """Both secretaries of 大街 register 张善强's departure at the same moment: the member's row
    lock makes the second wait, then it is told he already has an open registration."""
    from django.core.exceptions import ValidationError

    from tests.factories import UserFactory, registration_fields

    colleague = UserFactory(username="colleague_a", full_name="大街组织委员")
    assign(colleague, tree.town_a, "officer")
    second_started = threading.Event()
    outcome = {}

    def second_user():
        second_started.set()
        try:
            records.mobile_record_create(actor=colleague, member=member_a1, **registration_fields())
            outcome["second"] = "registered"
        except ValidationError as exc:
            outcome["second"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=second_user)
    with transaction.atomic():
        records.mobile_record_create(actor=secretary_a, member=member_a1, **registration_fields())
        thread.start()
        second_started.wait(timeout=10)
        assert any(_other_session_waits_for_a_lock() for _ in range(20000))
    thread.join(timeout=30)

    assert list(outcome["second"].message_dict) == ["member"]
    assert MobileRecord.objects.filter(member=member_a1).count() == 1
