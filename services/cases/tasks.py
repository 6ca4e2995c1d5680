"""Celery task of service cases: the daily escalation of overdue cases."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from services.cases.escalation import cases_escalate


@shared_task(
    name="services.cases.escalate",
    # Each case is escalated under a row lock, once per level; running it again sends nothing.
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=240,
    time_limit=300,
)
def cases_escalate_task() -> int:
    """Escalate overdue open cases one level up (beat: daily)."""
    return cases_escalate(timezone.localdate())
