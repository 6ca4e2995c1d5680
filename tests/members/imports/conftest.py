import pytest

from members.imports import actions
from members.imports.models import ImportJob


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Upload a file as the user into an organisation; its dry run runs (eager Celery)."""

    def upload(user, organization, file, kind=ImportJob.Kind.MEMBERS) -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            job = actions.import_job_create(
                actor=user, organization=organization, kind=kind, upload=file
            )
        job.refresh_from_db()
        return job

    return upload


@pytest.fixture
def apply(django_capture_on_commit_callbacks):
    """Start the apply of a checked job as its user; the task runs (eager Celery)."""

    def apply(job: ImportJob) -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            actions.import_job_apply_start(actor=job.user, job=job)
        job.refresh_from_db()
        return job

    return apply


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads and the rows the dry run keeps go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
