"""The dry run and the apply of an import job, run by its Celery tasks.

Both stream the file (members.spreadsheets) in chunks of ``CHUNK`` rows; each chunk is
checked with a few batch queries whatever its length. The dry run writes nothing but the job
(its progress after each chunk, then the errors). The apply checks every chunk again and
writes it, all in one transaction: a row that fails now (something changed since the dry run)
rolls everything back and the job fails with the reason. Its progress cannot be written to the
job, since the apply's transaction hides its own writes until the end: it goes to the cache
(Redis in production, shared with the web processes), which the status page reads.
"""

import itertools
from collections import Counter
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.audit.actions import Kind, audit_record
from members.imports.cells import Row, cell_normal
from members.imports.kinds import KINDS
from members.imports.models import ImportJob
from members.imports.parsed import ParsedWriter, parsed_delete, parsed_rows
from members.imports.template import Column
from members.scoping import ensure_can_write
from members.spreadsheets import SpreadsheetError, UnknownEncoding, cell_text, iter_table

CHUNK = 1000
MAX_ROWS = 200_000
KEPT_ERRORS = 1000
PROGRESS_SECONDS = 24 * 3600
Status = ImportJob.Status


class HeaderError(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


class RowsRefused(Exception):
    """Rows that failed during the apply: nothing is written."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


def progress_key(job_id: int) -> str:
    return f"imports:progress:{job_id}"


def import_job_check(*, job_id: int) -> ImportJob:
    """Dry run: read the whole file once and record every bad row; write nothing else."""
    job = ImportJob.objects.select_related("user", "organization").get(pk=job_id)
    if job.status != Status.CHECKING:
        return job  # a task run twice
    with translation.override(settings.LANGUAGE_CODE):
        _check(job)
    job.checked_at = timezone.now()
    job.save()
    return job


def _check(job: ImportJob) -> None:
    job.errors, job.error_count, job.rows_done, job.failure = [], 0, 0, ""
    job.status = Status.CHECKED
    keep = ParsedWriter()
    try:
        ensure_can_write(job.user, job.organization)
        handler = KINDS[job.kind](job)
        for chunk in _chunks(job, handler.columns, keep=keep):
            handler.check(chunk)
            _note_errors(job, [e for row in chunk for e in row.errors], len(chunk))
            ImportJob.objects.filter(pk=job.pk).update(rows_done=job.rows_done)
    except HeaderError as error:
        _note_errors(job, error.errors, 0)
    except (SpreadsheetError, PermissionDenied, TooManyRows) as error:
        job.status, job.failure = Status.FAILED, unreadable(error, job)
    except BaseException:
        keep.discard()
        raise
    # Only a file that may be applied keeps its rows for the apply.
    if job.status == Status.CHECKED and not job.error_count:
        keep.save(job)
    else:
        keep.discard()
    job.rows_total = job.rows_done


def _note_errors(job: ImportJob, errors: list[dict], rows: int) -> None:
    job.rows_done += rows
    job.error_count += len({e["row"] for e in errors})
    job.errors.extend(errors[: max(KEPT_ERRORS - len(job.errors), 0)])


def import_job_apply(*, job_id: int) -> ImportJob:
    """Write the checked file in one transaction; any failing row rolls everything back."""
    job = ImportJob.objects.select_related("user", "organization").get(pk=job_id)
    if job.status != Status.APPLYING:
        return job
    with translation.override(settings.LANGUAGE_CODE):
        try:
            with transaction.atomic():
                counts = _apply(job)
        except RowsRefused as refused:
            first = refused.errors[0]
            _fail(job, _("Row %(row)d, %(column)s: %(message)s") % first, refused.errors)
        except (SpreadsheetError, PermissionDenied, HeaderError, TooManyRows) as error:
            _fail(job, unreadable(error, job))
        except (ValidationError, DatabaseError):
            _fail(job, _("Another change to the same files came in between; check the file again."))
        else:
            job.created_count = counts["created"]
            job.updated_count = counts["updated"]
            job.unchanged_count = counts["unchanged"]
            job.status, job.applied_at = Status.APPLIED, timezone.now()
    job.rows_done = job.rows_total or 0
    parsed_delete(job)
    job.save()
    cache.delete(progress_key(job.pk))
    return job


def _apply(job: ImportJob) -> Counter:
    ensure_can_write(job.user, job.organization)
    handler = KINDS[job.kind](job, writing=True)
    counts, done = Counter(), 0
    for chunk in _chunks(job, handler.columns):
        prepared = handler.check(chunk)
        errors = [e for row in chunk for e in row.errors]
        if errors:
            raise RowsRefused(errors[:KEPT_ERRORS])
        try:
            with transaction.atomic():
                counts += handler.write(prepared, actor=job.user)
        except ValidationError:
            raise RowsRefused([e for row in chunk for e in row.errors] or [_row_failed()]) from None
        done += len(chunk)
        cache.set(progress_key(job.pk), done, PROGRESS_SECONDS)
    detail = {"file": job.file_name, "kind": job.kind, **counts}
    audit_record(kind=Kind.IMPORT, actor=job.user, obj=job, detail=detail)
    return counts


def _row_failed() -> dict:
    return {"row": 0, "column": "", "message": _("A row could not be written.")}


def _fail(job: ImportJob, reason: str, errors: list[dict] | None = None) -> None:
    job.status, job.failure = Status.FAILED, str(reason)[:300]
    if errors:
        job.errors, job.error_count = errors, len({e["row"] for e in errors})


class TooManyRows(Exception):
    pass


def unreadable(error: Exception, job: ImportJob) -> str:
    """Why the file as a whole could not be checked or applied, in words."""
    if isinstance(error, PermissionDenied):
        return _("You may no longer write to %(organization)s.") % {
            "organization": job.organization.name
        }
    if isinstance(error, TooManyRows):
        return _("A file may have at most %(count)s rows; split it.") % {"count": f"{MAX_ROWS:,}"}
    if isinstance(error, UnknownEncoding):
        return _("The file is neither UTF-8 nor GBK text; save it again as CSV (UTF-8).")
    return _("The file could not be read as an .xlsx workbook or a .csv table.")


def _chunks(
    job: ImportJob, columns: list[Column], *, keep: ParsedWriter | None = None
) -> Iterator[list[Row]]:
    rows = _rows(job, columns, keep=keep)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _rows(job: ImportJob, columns: list[Column], *, keep: ParsedWriter | None) -> Iterator[Row]:
    """The file's non-blank rows, each cell as the text its column reads. The dry run reads
    the upload and writes the rows to ``keep``; the apply reads what the dry run kept, or
    the upload again when that is gone."""
    by_key = {column.key: column for column in columns}
    kept = None if keep is not None else parsed_rows(job, by_key)
    if kept is not None:
        for number, values in kept:
            yield Row(number, values, by_key)
        return
    try:
        upload = job.file.open("rb")
    except OSError:
        raise SpreadsheetError(job.file_name) from None
    with upload:
        table = iter_table(upload, name=job.file_name)
        places = header_places(next(table, None), columns)
        if keep is not None:
            keep.start(list(places))
        kinds = [(key, i, by_key[key].kind) for key, i in places.items()]
        for number, cells in enumerate(table, start=2):
            if number - 1 > MAX_ROWS:
                raise TooManyRows
            width = len(cells)
            values = {
                key: cell_normal(kind, cells[i]) if i < width else "" for key, i, kind in kinds
            }
            if any(values.values()):
                if keep is not None:
                    keep.write(number, values)
                yield Row(number, values, by_key)


def header_places(header, columns: list[Column]) -> dict[str, int]:
    """Column key → its position in the header row; ``HeaderError`` for what is missing."""
    if header is None:
        raise HeaderError([{"row": 1, "column": "", "message": _("The file is empty.")}])
    wanted = {_header_text(column.header): column for column in columns}
    places, errors = {}, []
    for index, cell in enumerate(header):
        column = wanted.get(_header_text(cell_text(cell)))
        if column is None:
            continue
        if column.key in places:
            message = _("This column appears twice in the first row.")
            errors.append({"row": 1, "column": column.header, "message": message})
        places[column.key] = index
    for column in columns:
        if column.required and column.key not in places:
            message = _("This required column is missing from the first row.")
            errors.append({"row": 1, "column": column.header, "message": message})
    if errors:
        raise HeaderError(errors)
    return places


def _header_text(text: str) -> str:
    return "".join(text.split()).replace("(", "（").replace(")", "）").rstrip("*＊")


def import_job_stop(*, job_id: int) -> None:
    """A run cut short (its time limit): the job failed, nothing written (rolled back)."""
    stopped = ImportJob.objects.filter(pk=job_id, status__in=[Status.CHECKING, Status.APPLYING])
    for job in stopped:
        parsed_delete(job)
    stopped.update(
        status=Status.FAILED,
        parsed="",
        failure=_("The file took too long to process and was stopped; nothing was written."),
    )
    cache.delete(progress_key(job_id))
