"""Celery tasks of the exports: thin wrappers around the actions."""

from functools import partial

from celery import shared_task
from django.db import OperationalError, transaction

from members.downloads.actions import export_job_write, export_jobs_purge


@shared_task(
    name="members.export_write",
    # The job's row lock and status make a second delivery a no-op: safe to ack late.
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=10,
    retry_jitter=True,
    max_retries=3,
    # 100,000 rows take well under a minute; a whole province's million, a few minutes.
    soft_time_limit=1500,
    time_limit=1800,
)
def export_write_task(job_id: int) -> str:
    """Write one export job's file."""
    job = export_job_write(job_id=job_id)
    return job.status if job is not None else "missing"


def export_write_on_commit(job_id: int) -> None:
    """Queue the job's writing once the transaction that created it commits."""
    transaction.on_commit(partial(export_write_task.delay, job_id))


@shared_task(name="members.downloads.purge", acks_late=True, soft_time_limit=240, time_limit=300)
def export_jobs_purge_task() -> int:
    """Daily: delete exports (and their files) older than a week."""
    return export_jobs_purge()
