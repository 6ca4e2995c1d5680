"""Celery tasks of the needs collection: thin wrappers around the actions."""

import datetime

from celery import shared_task

from services.needs.reminders import needs_rounds_remind


@shared_task(name="services.needs.remind", acks_late=True, soft_time_limit=1500, time_limit=1800)
def needs_rounds_remind_task(day: str | None = None) -> int:
    """Daily: remind branches of rounds not finished near or after the due date (idempotent
    by occasion)."""
    today = datetime.date.fromisoformat(day) if day else None
    return needs_rounds_remind(today=today)
