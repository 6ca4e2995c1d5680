"""Celery tasks of the member file: the daily political-birthday greetings."""

import datetime

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from members.files.birthdays import political_birthdays_queue


@shared_task(
    name="members.files.political_birthdays",
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
