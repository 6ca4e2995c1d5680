"""Celery tasks of imports: thin wrappers taking a job's id (time limits for 100,000 rows)."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from members.imports.parsed import import_jobs_purge
from members.imports.processing import import_job_apply, import_job_check, import_job_stop

LIMITS = {"acks_late": True, "soft_time_limit": 1200, "time_limit": 1500}


@shared_task(name="members.import_check", **LIMITS)
def import_check_task(job_id: int) -> str:
    """Dry run of an uploaded file; a job already checked is left as it is."""
    try:
        return import_job_check(job_id=job_id).status
    except SoftTimeLimitExceeded:
        import_job_stop(job_id=job_id)
        raise


@shared_task(name="members.import_apply", **LIMITS)
def import_apply_task(job_id: int) -> str:
    """Apply a checked file in one transaction; a job not waiting to be applied is left."""
    try:
        return import_job_apply(job_id=job_id).status
    except SoftTimeLimitExceeded:
        import_job_stop(job_id=job_id)
        raise


@shared_task(name="members.imports.purge", acks_late=True, soft_time_limit=240, time_limit=300)
def import_jobs_purge_task() -> int:
    """Daily: delete imports (and their files) older than a week."""
    return import_jobs_purge()
