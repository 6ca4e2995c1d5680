"""Celery tasks of training classes: the reminder an hour before each class."""

from celery import shared_task
from django.db import OperationalError

from education.classes.actions import classes_remind


@shared_task(
    name="education.classes.remind",
    # Each class is reminded under a row lock and marked; running it again sends nothing twice.
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=240,
    time_limit=300,
)
def classes_remind_task() -> int:
    """Remind the invitees of classes starting within the hour (beat: every 5 minutes)."""
    return classes_remind()
