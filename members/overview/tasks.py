"""Celery tasks of the dashboard: a scope's refresh a page view queued, and the beat's."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from members.overview.refresh import scopes_refresh, user_refresh


@shared_task(
    name="members.overview_refresh",
    # Only fills the cache: running it twice computes nothing the second time.
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=10,
    max_retries=3,
    soft_time_limit=240,
    time_limit=300,
)
def overview_refresh_task(user_id: int, language: str) -> int:
    """Recompute the stale dashboard and birthdays of the user's scope."""
    return user_refresh(user_id=user_id, language=language)


@shared_task(
    name="members.overview_refresh_scopes",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    max_retries=3,
    soft_time_limit=480,
    time_limit=540,
)
def overview_refresh_scopes_task() -> int:
    """Recompute the stale dashboards of the county-level and higher scopes (beat)."""
    return scopes_refresh(today=timezone.localdate())
