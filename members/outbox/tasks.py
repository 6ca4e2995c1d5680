"""Celery tasks of the outbox: send batches of rows, sweep up rows a lost task left pending."""

from collections.abc import Sequence
from functools import partial

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction

from members.outbox.delivery import notifications_deliver, notifications_deliver_together
from members.outbox.selectors import stale_pending_batches


@shared_task(
    name="members.outbox.send",
    bind=True,
    # Not acks_late: a redelivered batch could resend a message the provider already took;
    # rows of a lost batch stay pending and the sweep sends them again.
    max_retries=settings.NOTIFICATION_MAX_ATTEMPTS,
    rate_limit=settings.NOTIFICATION_SEND_RATE_LIMIT,
    soft_time_limit=240,
    time_limit=300,
)
def notifications_send_task(self, notification_ids: list[int], together: bool = False) -> dict:
    """Send a batch of outbox rows; retry the transient failures with backoff and jitter.

    ``together``: a mass send's batch, under one lock and commit (delivery.py says the price).
    """
    deliver = notifications_deliver_together if together else notifications_deliver
    report = deliver(ids=notification_ids)
    if report.retry_ids:
        countdown = get_exponential_backoff_interval(
            factor=settings.NOTIFICATION_RETRY_BACKOFF,
            retries=self.request.retries,
            maximum=settings.NOTIFICATION_RETRY_BACKOFF_MAX,
            full_jitter=True,
        )
        raise self.retry(args=(report.retry_ids, together), countdown=countdown)
    return report.as_dict()


def dispatch_on_commit(ids: Sequence[int], *, together: bool = False) -> None:
    """Enqueue sending in batches of ids once the surrounding transaction commits."""
    size = settings.NOTIFICATION_SEND_BATCH
    for start in range(0, len(ids), size):
        chunk = sorted(ids[start : start + size])
        transaction.on_commit(partial(notifications_send_task.delay, chunk, together))


@shared_task(name="members.outbox.sweep", acks_late=True, soft_time_limit=240, time_limit=300)
def notifications_sweep_task() -> int:
    """Hourly: send again outbox rows left pending by a lost task or a dead worker."""
    total = 0
    for ids in stale_pending_batches():
        dispatch_on_commit(ids)
        total += len(ids)
    return total
