"""Celery tasks of mobility: thin wrappers around the actions."""

from celery import shared_task

from members.mobility.actions import mobile_records_remind


@shared_task(name="members.mobility.remind", acks_late=True, soft_time_limit=240, time_limit=300)
def mobile_records_remind_task() -> int:
    """Hourly: remind secretaries of registrations waiting too long (idempotent by occasion)."""
    return mobile_records_remind()
