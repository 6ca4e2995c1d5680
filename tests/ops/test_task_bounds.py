"""The education and service chains' Celery tasks: named, time-limited, retried a bounded
number of times with backoff, and idempotent — run twice, one effect."""

import datetime

import pytest
import time_machine
from django.db import OperationalError

from config.celery import app as celery_app
from education.classes import tasks as class_tasks
from members.outbox.models import Notification
from services.cases import tasks as case_tasks
from services.cases.kinds import CASE_ESCALATED
from services.needs import tasks as needs_tasks
from tests.conftest import _persona
from tests.services.cases.helpers import file_case
from tests.services.needs.conftest import away_b, opened  # noqa: F401  (fixtures)

TASKS = [
    class_tasks.classes_remind_task,
    case_tasks.cases_escalate_task,
    needs_tasks.needs_rounds_remind_task,
]


def test_every_task_of_the_two_chains_is_checked_here():
    celery_app.loader.import_default_modules()  # what a worker finds (autodiscover_tasks)
    found = sorted(n for n in celery_app.tasks if n.startswith(("education.", "services.")))
    assert found == sorted(task.name for task in TASKS)


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.name)
def test_each_task_is_named_after_its_module(task):
    assert task.__module__.startswith(task.name.rsplit(".", 1)[0])


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.name)
def test_each_task_has_time_limits(task):
    assert (task.soft_time_limit < task.time_limit, task.time_limit <= 1800) == (True, True)


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.name)
def test_each_task_retries_a_bounded_number_of_times_with_backoff(task):
    assert (task.autoretry_for, task.max_retries, bool(task.retry_backoff), task.acks_late) == (
        (OperationalError,),
        3,
        True,
        True,
    )


def test_the_global_time_limits_reach_the_worker(settings):
    limits = (celery_app.conf.task_soft_time_limit, celery_app.conf.task_time_limit)
    assert limits == (settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT)


# --- The needs-collection reminder: the fix (retries) and its idempotence ------------------

SOON = datetime.date(2026, 11, 20)  # three working days before November's due date


@pytest.mark.django_db
def test_the_needs_reminder_run_twice_reminds_once(opened, receiving_b1):  # noqa: F811
    first = needs_tasks.needs_rounds_remind_task.delay(SOON.isoformat()).get()
    second = needs_tasks.needs_rounds_remind_task.delay(SOON.isoformat()).get()
    sent = Notification.objects.filter(kind="needs_round_reminder")
    assert (first > 0, second, sent.count()) == (True, 0, first)


@pytest.fixture
def eager_retries():
    """Eager tasks run their retries in place, unless exceptions propagate at the first."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


@pytest.mark.usefixtures("eager_retries")
def test_the_needs_reminder_is_retried_after_a_lost_connection(monkeypatch):
    calls = []

    def flaky(*, today):
        calls.append(today)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return 2

    monkeypatch.setattr(needs_tasks, "needs_rounds_remind", flaky)
    assert (needs_tasks.needs_rounds_remind_task.delay().get(), len(calls)) == (2, 2)


@pytest.mark.usefixtures("eager_retries")
def test_the_needs_reminder_gives_up_after_three_retries(monkeypatch):
    calls = []

    def broken(*, today):
        calls.append(today)
        raise OperationalError("database is locked")

    monkeypatch.setattr(needs_tasks, "needs_rounds_remind", broken)
    with pytest.raises(OperationalError):
        needs_tasks.needs_rounds_remind_task.delay().get()
    assert len(calls) == 4


# --- The case escalation: run twice, one escalation ---------------------------------------


@pytest.mark.django_db
def test_the_case_escalation_run_twice_escalates_once(tree, secretary_b, member_b1):
    _persona("czq_secretary", "城中区委书记", tree.county_b, "secretary")
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        file_case(secretary_b, tree.town_b, [member_b1], category="policy")
    with time_machine.travel(datetime.datetime(2026, 11, 10, 1, tzinfo=datetime.UTC), tick=False):
        runs = [case_tasks.cases_escalate_task.delay().get() for _ in range(2)]
    sent = Notification.objects.filter(kind=CASE_ESCALATED)
    assert (runs, sent.count()) == ([1, 0], 1)
