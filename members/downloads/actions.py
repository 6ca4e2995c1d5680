"""Writes of the exports: a user's request, the file the task writes, old files removed.

``export_job_write`` reads the list's rows a chunk at a time (a queryset through
``.iterator``), streams them into the file and moves ``rows_done`` after each chunk with one
small UPDATE, so the job page's progress bar moves while the file grows. The ID-number column
stays masked unless the user asked for full numbers, and then shows them only for members
whose file the user may write, each reveal logged.
"""

import datetime
import io
import itertools
import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.audit.actions import Kind, audit_record
from members.downloads import registry
from members.downloads.models import ExportJob
from members.exports import csv_stream, xlsx_stream
from members.files import crypto
from members.files.actions import members_reveal_id_numbers
from members.organizations.models import User
from members.scoping import has_write_role

logger = logging.getLogger(__name__)

CHUNK = 2000
KEEP_DAYS = 7
STALE_AFTER = datetime.timedelta(hours=1)  # well past the task's time limit
FORMATS = ("xlsx", "csv")
PARAMS_LIMIT = 2000  # characters of a list page's query string


def may_reveal(user: User, listed: registry.ListExport) -> bool:
    """Whether the user may ask this export for full ID numbers: the list has an ID-number
    column and the user writes somewhere (which files, ``export_job_write`` decides per row)."""
    return listed.has_id_numbers and has_write_role(user)


@transaction.atomic
def export_job_start(
    *,
    user: User,
    export: str,
    params: str = "",
    fmt: str = "xlsx",
    reveal_ids: bool = False,
    reveal_reason: str = "",
) -> ExportJob:
    """Create the job of exporting a list with the page's filters (the caller queues the
    task once the transaction commits)."""
    listed = registry.get(export)
    if listed is None:
        raise ValidationError({"export": _("There is no such list to export.")})
    if fmt not in FORMATS:
        raise ValidationError({"fmt": _("Choose Excel or CSV.")})
    if reveal_ids and not may_reveal(user, listed):
        raise PermissionDenied(_("Full ID numbers are for secretaries of the members' files."))
    reason = reveal_reason.strip() if reveal_ids else ""
    if reveal_ids and not reason:
        raise ValidationError({"reveal_reason": _("Say why the full ID numbers are needed.")})
    query = registry.query_params(params).urlencode()
    if len(query) > PARAMS_LIMIT:
        raise ValidationError({"params": _("The list's filters are too long to export.")})
    # Encrypted at rest: a search may hold a full ID number or a phone number.
    job = ExportJob.objects.create(
        user=user,
        export=export,
        params=crypto.encrypt(query),
        language=translation.get_language() or "",
        reveal_ids=reveal_ids,
        reveal_reason=reason,
    )
    day = timezone.localdate()
    job.file_name = f"{listed.title}-{day:%Y%m%d}-{job.pk}.{fmt}"
    job.save(update_fields=["file_name"])
    return job


def export_job_write(*, job_id: int) -> ExportJob | None:
    """Write the job's file; a job that is not waiting (written, being written, failed) is
    left as it is, so a task delivered twice writes once.

    Not one transaction: the progress each chunk writes must commit for the job page to see
    it. The status goes from waiting to being written under the row lock, so one task writes.
    """
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ExportJob.Status.QUEUED:
            return job
        job.status = ExportJob.Status.RUNNING
        job.save(update_fields=["status"])
    listed = registry.get(job.export)
    reveals = _Reveals()
    fields = ["status", "error", "finished_at"]
    try:
        if listed is None:
            raise LookupError(job.export)
        # The headers and labels in the language the user asked in, not the worker's.
        with translation.override(job.language or None):
            _write_file(job, listed, reveals)
    except Exception as error:
        # For the logs and the admin; the job page says in words that it failed.
        logger.exception("export job %s failed", job.pk)
        job.status, job.error = ExportJob.Status.FAILED, type(error).__name__
    else:
        job.status = ExportJob.Status.DONE
        fields += ["file", "rows_done", "rows_total"]
    finally:
        if reveals.count:
            detail = {"export": job.export, "count": reveals.count}
            audit_record(kind=Kind.ID_REVEAL, actor=job.user, obj=job, detail=detail)
    job.finished_at = timezone.now()
    job.save(update_fields=fields)
    return job


def job_params(job: ExportJob):
    """The list page's filters the job was asked with (kept encrypted)."""
    return registry.query_params(crypto.decrypt(job.params) if job.params else "")


@dataclass
class _Reveals:
    count: int = 0  # full ID numbers written (each logged as an IdNumberReveal)


def _write_file(job: ExportJob, listed: registry.ListExport, reveals: _Reveals) -> None:
    params = job_params(job)
    rows = listed.rows(user=job.user, params=params)
    job.rows_total = _count(rows)
    ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)
    header = [str(column.header) for column in listed.columns]
    cells = _cells(job, listed, rows, params, reveals)
    fmt = job.file_name.rsplit(".", 1)[-1]
    with tempfile.TemporaryFile() as out:
        if fmt == "csv":
            text = io.TextIOWrapper(out, encoding="utf-8", newline="")
            job.rows_done = csv_stream(text, header=header, rows=cells)
            text.flush()
            text.detach()
        else:
            widths = [column.width for column in listed.columns]
            title = str(listed.title)
            job.rows_done = xlsx_stream(out, header=header, rows=cells, widths=widths, title=title)
        out.seek(0)
        job.file.save(f"export-{job.pk}.{fmt}", File(out), save=False)


def _count(rows: Iterable[Any]) -> int | None:
    if isinstance(rows, QuerySet):
        return rows.count()
    return len(rows) if hasattr(rows, "__len__") else None


def _cells(job, listed, rows, params, reveals: _Reveals) -> Iterator[list]:
    """Each row's cells, a chunk at a time: the list's own per-chunk work, the full ID
    numbers the user may see, then the progress."""
    done = 0
    for chunk in _chunks(rows):
        if listed.chunk is not None:
            listed.chunk(chunk, user=job.user, params=params)
        full = _full_numbers(job, listed, chunk)
        reveals.count += len(full)
        for row in chunk:
            yield [_cell(column, row, listed, full) for column in listed.columns]
        done += len(chunk)
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)


def _chunks(rows: Iterable[Any]) -> Iterator[list]:
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=CHUNK)
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _full_numbers(job: ExportJob, listed: registry.ListExport, chunk: list) -> dict[int, str]:
    if not (job.reveal_ids and listed.has_id_numbers):
        return {}
    ids = [listed.member(row).pk for row in chunk]
    return members_reveal_id_numbers(actor=job.user, member_ids=ids, reason=job.reveal_reason)


def _cell(column: registry.Column, row, listed: registry.ListExport, full: dict[int, str]):
    if column.id_number and full:
        number = full.get(listed.member(row).pk)
        if number is not None:
            return number
    return column.value(row)


def export_jobs_purge(*, now: datetime.datetime | None = None, days: int = KEEP_DAYS) -> int:
    """Delete the jobs (and their files) requested more than ``days`` ago, and mark failed
    those a lost worker left being written for over an hour; return how many were deleted."""
    now = now or timezone.now()
    ExportJob.objects.filter(
        status=ExportJob.Status.RUNNING, created_at__lt=now - STALE_AFTER
    ).update(status=ExportJob.Status.FAILED, error="worker lost", finished_at=now)
    before = now - datetime.timedelta(days=days)
    old = list(ExportJob.objects.filter(created_at__lt=before))
    for job in old:
        if job.file:
            job.file.delete(save=False)
    ExportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
