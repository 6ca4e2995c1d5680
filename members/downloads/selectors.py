"""Scoped reads of the exports: a user sees their own jobs only."""

from django.db.models import QuerySet

from members.downloads.models import ExportJob
from members.organizations.models import User

RECENT = 50


def export_job_queryset(*, user: User) -> QuerySet[ExportJob]:
    """The user's own jobs: nobody else's, whatever their role (an export may hold full ID
    numbers revealed to its user alone)."""
    if not user.is_authenticated:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(user=user)


def export_job_get(*, user: User, pk: int) -> ExportJob:
    """One of the user's jobs, or ``ExportJob.DoesNotExist``."""
    return export_job_queryset(user=user).get(pk=pk)


def export_jobs_recent(*, user: User, limit: int = RECENT) -> list[ExportJob]:
    return list(export_job_queryset(user=user)[:limit])
