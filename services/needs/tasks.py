"""Celery tasks of the needs collection: thin wrappers around the actions."""

import datetime

from celery import shared_task
from django.db import OperationalError

from services.needs.reminders import needs_rounds_remind


@shared_task(
    name="services.needs.remind",
    # Each round is reminded under a row lock, once per stage (the occasion names both), so a
    # retry or a second worker sends nothing twice; a lost connection or a lock timeout is
    # retried a bounded number of times.
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=1500,
    time_limit=1800,
)
def needs_rounds_remind_task(day: str | None = None) -> int:
    """Daily: remind branches of rounds not finished near or after the due date (idempotent
    by occasion)."""
    today = datetime.date.fromisoformat(day) if day else None
    return needs_rounds_remind(today=today)
