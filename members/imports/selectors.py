"""Reads of import jobs: a job is its uploader's alone (anyone else: 404)."""

from django.core.cache import cache
from django.db.models import QuerySet

from members.imports.models import ImportJob
from members.imports.processing import progress_key
from members.organizations.models import User


def import_jobs_of(*, user: User) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(user=user).select_related("organization")


def import_job_get(*, user: User, pk: int) -> ImportJob:
    """The user's own job; ``DoesNotExist`` for anyone else's."""
    return import_jobs_of(user=user).get(pk=pk)


def import_job_progress(job: ImportJob) -> dict:
    """What the job page's progress bar shows: rows done of rows total, and the outcome.

    While the apply runs, its transaction hides the job's own counter: the rows written so
    far are in the cache (see processing.py)."""
    done = job.rows_done
    if job.status == ImportJob.Status.APPLYING:
        done = cache.get(progress_key(job.pk), 0)
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "rows_done": done,
        "rows_total": job.rows_total,
        "error_count": job.error_count,
        "finished": job.status
        in (ImportJob.Status.CHECKED, ImportJob.Status.APPLIED, ImportJob.Status.FAILED),
    }
