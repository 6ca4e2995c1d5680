"""Writes of imports: upload a file (its dry run follows), apply a checked one.

The dry run and the apply themselves (``import_job_check``, ``import_job_apply``) are in
processing.py, run by the tasks this module enqueues once the transaction commits.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from members.imports.models import ImportJob
from members.imports.processing import import_job_apply, import_job_check
from members.imports.tasks import import_apply_task, import_check_task
from members.organizations.models import Organization, User
from members.scoping import ensure_can_write
from members.uploads import ALLOWED, FileType, attachment_check
from members.workflow import TransitionError, lock

MAX_FILE_SIZE = 50 * 1024 * 1024
FILE_TYPES = {"xlsx": ALLOWED["xlsx"], "csv": FileType("text/csv", "text")}

__all__ = ["import_job_apply", "import_job_apply_start", "import_job_check", "import_job_create"]


@transaction.atomic
def import_job_create(
    *, actor: User, organization: Organization, kind: str, upload: UploadedFile
) -> ImportJob:
    """Keep an uploaded .xlsx or .csv file for ``organization``'s subtree; its dry run starts
    once the upload is saved."""
    ensure_can_write(actor, organization)
    if kind not in ImportJob.Kind.values:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    attachment_check(upload, FILE_TYPES, max_size=MAX_FILE_SIZE)
    job = ImportJob.objects.create(
        user=actor,
        organization=organization,
        kind=kind,
        file=upload,
        file_name=(upload.name or "")[:200],
    )
    transaction.on_commit(partial(import_check_task.delay, job.pk))
    return job


@transaction.atomic
def import_job_apply_start(*, actor: User, job: ImportJob) -> ImportJob:
    """Send a checked file without errors to be applied; anything else is refused."""
    job = lock(job)
    if job.user_id != actor.pk:
        raise PermissionDenied
    if job.status != ImportJob.Status.CHECKED:
        raise TransitionError(_("Only a file that has been checked can be applied."))
    if job.error_count:
        raise TransitionError(_("Correct the rows with errors and upload the file again."))
    ensure_can_write(actor, job.organization)
    job.status, job.rows_done = ImportJob.Status.APPLYING, 0
    job.save(update_fields=["status", "rows_done"])
    transaction.on_commit(partial(import_apply_task.delay, job.pk))
    return job
