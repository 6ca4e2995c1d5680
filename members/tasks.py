import datetime
import os
import socket

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from members.birthdays import political_birthdays_queue
from members.notifications import notifications_deliver, notifications_sweep


@shared_task
def worker_identity_task() -> dict:
    """Report which process ran the task; used by health checks and the worker test."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


# --- Notifications: thin wrappers around members.notifications and members.birthdays ---------


@shared_task(
    bind=True,
    # Only writes rows with a unique key: running it again after a crash is harmless.
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=1500,
    time_limit=1800,
)
def political_birthdays_task(self, day: str | None = None) -> int:
    """Queue today's political-birthday greetings (beat: every morning, Asia/Shanghai)."""
    on = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return political_birthdays_queue(day=on)


@shared_task(
    bind=True,
    # Not acks_late: a redelivered batch could resend a message the provider already took;
    # rows of a lost batch stay pending and notifications_sweep_task sends them again.
    max_retries=settings.NOTIFICATION_MAX_ATTEMPTS,
    rate_limit=settings.NOTIFICATION_SEND_RATE_LIMIT,
    soft_time_limit=240,
    time_limit=300,
)
def notifications_send_task(self, notification_ids: list[int]) -> dict:
    """Send a batch of outbox rows; retry the transient failures with backoff and jitter."""
    report = notifications_deliver(ids=notification_ids)
    if report.retry_ids:
        countdown = get_exponential_backoff_interval(
            factor=settings.NOTIFICATION_RETRY_BACKOFF,
            retries=self.request.retries,
            maximum=settings.NOTIFICATION_RETRY_BACKOFF_MAX,
            full_jitter=True,
        )
        raise self.retry(args=(report.retry_ids,), countdown=countdown)
    return report.as_dict()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def notifications_sweep_task() -> int:
    """Hourly: send again outbox rows left pending by a lost task."""
    return notifications_sweep()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def mobile_records_remind_task() -> int:
    """Hourly: remind secretaries of registrations waiting too long (idempotent by occasion)."""
    from members.actions.record_notices import mobile_records_remind

    return mobile_records_remind()


@shared_task(acks_late=True, soft_time_limit=1500, time_limit=1800)
def management_warnings_task(day: str | None = None) -> int:
    """Daily: remind secretaries of rule warnings (idempotent by occasion)."""
    from members.actions.management import management_warnings_remind

    today = datetime.date.fromisoformat(day) if day else None
    return management_warnings_remind(today=today)
