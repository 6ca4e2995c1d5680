"""The daily reminder: once three working days before the due date, once after it."""

import datetime

import pytest

from members.outbox.models import Notification
from services.needs import actions
from services.needs.models import NeedsRound
from services.needs.reminders import needs_rounds_remind
from services.needs.tasks import needs_rounds_remind_task

pytestmark = pytest.mark.django_db
# November 2026's rounds are due on Wednesday the 25th.
EARLY = datetime.date(2026, 11, 16)
SOON = datetime.date(2026, 11, 20)  # Friday: three working days left
LATE = datetime.date(2026, 11, 26)


def reminders(round_b1) -> list[str]:
    rows = Notification.objects.filter(
        kind="needs_round_reminder", occasion__contains=f":{round_b1.pk}:"
    )
    return sorted(rows.values_list("occasion", flat=True))


@pytest.fixture
def round_b1(opened, tree, receiving_b1):
    return NeedsRound.objects.get(organization=tree.branch_b1)


def test_not_yet_due_no_reminder(round_b1):
    needs_rounds_remind(today=EARLY)
    assert reminders(round_b1) == []


def test_due_soon_reminds_the_branch_secretary(round_b1, receiving_b1):
    needs_rounds_remind(today=SOON)
    assert (
        list(
            Notification.objects.filter(kind="needs_round_reminder").values_list(
                "recipient_user__username", flat=True
            )
        ).count("nantan_branch")
        == 1
    )


def test_reminded_once(round_b1):
    for day in (SOON, SOON + datetime.timedelta(days=1), SOON + datetime.timedelta(days=3)):
        needs_rounds_remind(today=day)
    assert reminders(round_b1) == [f"needs:{round_b1.pk}:soon"]


def test_once_more_when_late(round_b1):
    for day in (SOON, LATE, LATE + datetime.timedelta(days=1)):
        needs_rounds_remind(today=day)
    assert reminders(round_b1) == [f"needs:{round_b1.pk}:late", f"needs:{round_b1.pk}:soon"]


def test_reminded_on_is_kept(round_b1):
    needs_rounds_remind(today=SOON)
    round_b1.refresh_from_db()
    assert round_b1.reminded_on == SOON


def test_a_finished_round_is_not_reminded(round_b1, receiving_b1):
    for entry in round_b1.entries.all():
        actions.needs_entry_fill(actor=receiving_b1, entry=entry, outcome="unreachable")
    needs_rounds_remind(today=SOON)
    assert reminders(round_b1) == []


def test_the_task_takes_a_day(round_b1):
    needs_rounds_remind_task(SOON.isoformat())
    assert reminders(round_b1) == [f"needs:{round_b1.pk}:soon"]


def test_the_text_is_the_kinds_default(round_b1):
    needs_rounds_remind(today=SOON)
    text = Notification.objects.filter(kind="needs_round_reminder").first().text
    assert text.startswith("南滩街道流动党员党支部：2026-11-25前须完成")


def test_the_beat_runs_it_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["needs-collection-reminders"]
    assert entry["task"] == "services.needs.remind"
