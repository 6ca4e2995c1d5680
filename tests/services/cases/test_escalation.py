"""Overdue cases escalate up the tree once per level, through the daily task."""

import datetime

import pytest
import time_machine

from members.outbox.models import Notification
from services.cases import actions
from services.cases.escalation import cases_escalate
from services.cases.kinds import CASE_ESCALATED
from services.cases.models import CaseEvent, ServiceCase
from services.cases.tasks import cases_escalate_task
from tests.conftest import _persona
from tests.services.cases.helpers import file_case

pytestmark = pytest.mark.django_db
# Filed on Monday 2 November 2026: a policy question (5 working days) is due Monday 9th.
FILED = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
DUE = datetime.date(2026, 11, 9)


@pytest.fixture
def county_b_secretary(tree):
    return _persona("czq_secretary", "城中区委书记", tree.county_b, "secretary")


@pytest.fixture
def city_secretary(tree):
    return _persona("xn_secretary", "西宁市委书记", tree.city, "secretary")


@pytest.fixture
def case(tree, secretary_b, member_b1, county_b_secretary, city_secretary):
    with time_machine.travel(FILED, tick=False):
        return file_case(secretary_b, tree.town_b, [member_b1], category="policy")


def escalations(user=None):
    sent = Notification.objects.filter(kind=CASE_ESCALATED)
    return sent.filter(recipient_user=user) if user else sent


def test_the_case_is_due_after_five_working_days(case):
    assert case.due_on == DUE


def test_nothing_escalates_on_the_due_date(case):
    assert (cases_escalate(DUE), escalations().count()) == (0, 0)


def test_the_day_after_it_escalates_to_the_organisation_above(case, tree, county_b_secretary):
    cases_escalate(DUE + datetime.timedelta(days=1))
    case.refresh_from_db()
    assert (case.escalation_level, case.escalated_to, escalations(county_b_secretary).count()) == (
        1,
        tree.county_b,
        1,
    )


def test_the_escalation_is_on_the_timeline(case):
    cases_escalate(DUE + datetime.timedelta(days=1))
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATION).count() == 1


def test_running_twice_sends_once(case):
    day = DUE + datetime.timedelta(days=1)
    cases_escalate(day)
    cases_escalate(day)
    assert (escalations().count(), case.events.filter(kind="escalation").count()) == (1, 1)


def test_a_second_worker_repeating_a_level_sends_nothing_new(case):
    """Even if the level were taken again (a worker on a stale row), the occasion is the same."""
    day = DUE + datetime.timedelta(days=1)
    cases_escalate(day)
    ServiceCase.objects.filter(pk=case.pk).update(escalation_level=0, escalated_to=None)
    cases_escalate(day)
    assert escalations().count() == 1


def test_after_another_limit_it_escalates_one_level_higher(case, tree, city_secretary):
    cases_escalate(DUE + datetime.timedelta(days=1))
    cases_escalate(datetime.date(2026, 11, 13))  # 4 working days late: still level 1
    cases_escalate(datetime.date(2026, 11, 16))  # 5 working days late: level 2
    case.refresh_from_db()
    assert (case.escalation_level, case.escalated_to, escalations(city_secretary).count()) == (
        2,
        tree.city,
        1,
    )


def test_it_stops_at_the_root(case):
    for day in (10, 16, 23, 30):
        cases_escalate(datetime.date(2026, 11, day))
    case.refresh_from_db()
    assert (case.escalation_level, escalations().count()) == (2, 2)


def test_a_closed_case_does_not_escalate(case, secretary_b):
    actions.case_step(actor=secretary_b, case=case, step="decline", text="不属于本级职责")
    assert cases_escalate(DUE + datetime.timedelta(days=3)) == 0


@time_machine.travel(datetime.datetime(2026, 11, 10, 1, tzinfo=datetime.UTC), tick=False)
def test_the_daily_task_escalates(case, county_b_secretary):
    assert (cases_escalate_task.delay().get(), escalations(county_b_secretary).count()) == (1, 1)


def test_the_task_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["service-case-escalation"]
    assert (entry["task"], entry["schedule"].hour) == ("services.cases.escalate", {8})
