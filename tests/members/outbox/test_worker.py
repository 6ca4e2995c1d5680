"""The outbox through real Celery worker processes and the configured broker (Redis in CI).

The worker must read what this process committed, so these tests use a transactional test
database that another process can open: PostgreSQL (CI). On the embedded SQLite in-memory
database they are skipped.
"""

import datetime
import json
import os
import threading
from urllib.parse import quote

import pytest
from celery.signals import before_task_publish
from django.db import connection, connections, transaction

from config.celery import worker_identity_task
from members.files.birthdays import political_birthdays_queue
from members.files.tasks import political_birthdays_task
from members.orglife.actions import member_message_send
from members.outbox.models import Notification
from tests.factories import make_member
from tests.worker import celery_worker_process

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a worker process can share the test database only on PostgreSQL",
    ),
]

DAY = datetime.date(2026, 3, 5)


def worker_env(tmp_path, **extra) -> dict[str, str]:
    """Point the worker at this test database and at a private SMS folder."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        "DATABASE_URL": url,
        "SMS_BACKEND": "file",
        "SMS_FILE_PATH": str(tmp_path),
        "NOTIFICATION_SEND_RATE_LIMIT": "1000/s",
        **extra,
    }


def sms_lines(tmp_path) -> list[dict]:
    path = tmp_path / "messages.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def drain(queue: str) -> None:
    """Wait until the solo worker has run everything queued before now (the queue is FIFO)."""
    worker_identity_task.apply_async(queue=queue).get(timeout=60)


@pytest.fixture
def celebrating(tree):
    members = [
        make_member(
            tree.branch_a1 if n % 2 else tree.branch_b1,
            joined_party_on=datetime.date(2004 + n, 3, 5),
        )
        for n in range(20)
    ]
    make_member(tree.branch_a1, joined_party_on=datetime.date(2010, 3, 6))  # tomorrow
    return members


def _run_in_thread(barrier: threading.Barrier) -> None:
    try:
        barrier.wait(timeout=30)
        political_birthdays_queue(day=DAY, batch_size=7)
    finally:
        connections.close_all()


def test_birthday_job_run_twice_and_concurrently_sends_one_greeting_per_member(
    celebrating, tmp_path
):
    with celery_worker_process(worker_env(tmp_path)) as queue:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=_run_in_thread, args=(barrier,)) for _ in range(2)]
        in_worker = [political_birthdays_task.apply_async((DAY.isoformat(),)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert [result.get(timeout=60) for result in in_worker] == [20, 20]
        political_birthdays_task.apply_async((DAY.isoformat(),)).get(timeout=60)
        drain(queue)

    greetings = Notification.objects.filter(kind="political_birthday", occasion="2026")
    assert sorted(greetings.values_list("recipient_member", flat=True)) == sorted(
        m.pk for m in celebrating
    )
    assert set(greetings.values_list("status", flat=True)) == {"sent"}
    phones = [line["phone"] for line in sms_lines(tmp_path)]
    assert sorted(phones) == sorted(m.phone for m in celebrating)
    assert any(line["pid"] != os.getpid() for line in sms_lines(tmp_path))


@transaction.atomic
def _message_then_fail(**send):
    member_message_send(**send)
    raise RuntimeError("the business change failed")


def test_a_rolled_back_transaction_enqueues_nothing(secretary_b, member_b1, tree, tmp_path):
    send = {
        "actor": secretary_b,
        "organization": tree.branch_b1,
        "status": "",
        "kind": "notice",
        "text": "{name}同志：本月主题党日改到周六。",
    }
    with celery_worker_process(worker_env(tmp_path)) as queue:
        with pytest.raises(RuntimeError):
            _message_then_fail(token="rolled-back", **send)
        member_message_send(token="committed", **send)
        drain(queue)

    assert list(Notification.objects.values_list("occasion", "status")) == [
        ("notice:committed", "sent")
    ]
    assert len(sms_lines(tmp_path)) == 1


def test_failing_sms_backend_retries_with_backoff_and_ends_failed(member_b1, tmp_path):
    published = []

    def remember(headers=None, **kwargs):
        if headers and headers.get("task") == "members.outbox.send":
            published.append(headers["id"])

    env = worker_env(
        tmp_path,
        SMS_BACKEND="tests.members.outbox.fake_channels.FailingSmsBackend",
        NOTIFICATION_MAX_ATTEMPTS="3",
        NOTIFICATION_RETRY_BACKOFF="1",
    )
    member_b1.joined_party_on = datetime.date(2005, 3, 5)
    member_b1.join_anniversary = 305
    member_b1.save()
    before_task_publish.connect(remember, weak=False)
    try:
        with celery_worker_process(env):
            political_birthdays_queue(day=DAY)  # commits (autocommit), then dispatches
            assert len(published) == 1
            result = political_birthdays_task.AsyncResult(published[0])
            assert result.get(timeout=60) == {"sent": 0, "skipped": 0, "failed": 1}
    finally:
        before_task_publish.disconnect(remember)

    greeting = Notification.objects.get(recipient_member=member_b1)
    assert (greeting.status, greeting.attempts) == ("failed", 3)
    assert "gateway timeout" in greeting.last_error
    assert sms_lines(tmp_path) == []
