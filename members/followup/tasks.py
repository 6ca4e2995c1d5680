"""Celery tasks of differentiated management: thin wrappers around the actions."""

import datetime

from celery import shared_task

from members.followup.actions import management_warnings_remind, stored_copies_repair


@shared_task(
    name="members.followup.warnings", acks_late=True, soft_time_limit=1500, time_limit=1800
)
def management_warnings_task(day: str | None = None) -> int:
    """Daily: remind secretaries of rule warnings (idempotent by occasion)."""
    today = datetime.date.fromisoformat(day) if day else None
    return management_warnings_remind(today=today)


@shared_task(name="members.followup.repair", acks_late=True, soft_time_limit=3000, time_limit=3600)
def stored_copies_repair_task() -> dict:
    """Nightly: recompute stored scope paths and warning facts (idempotent)."""
    return stored_copies_repair()
