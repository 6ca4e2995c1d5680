"""The rows as the dry run read them, kept for the apply: a gzip'd csv next to the upload.

The dry run turns each cell into the text its column reads (``cells.cell_normal``) and
writes the row's number and those texts; the apply reads this file instead of parsing the
workbook again (openpyxl's read-only parser is most of an .xlsx file's time) and checks every
row again as before. The file is written to a temporary file as the rows stream (memory stays
flat) and kept only for a job that may be applied. A job whose file is gone (or was written
for other columns) is read from its upload again.
"""

import csv
import datetime
import gzip
import io
import tempfile
from collections.abc import Iterator

from django.core.files import File
from django.utils import timezone

from members.imports.models import ImportJob
from members.spreadsheets import SpreadsheetError

COMPRESSION = 1  # gzip's fastest level: the file is read once, soon, on the same server


class ParsedWriter:
    """Collect the rows the dry run read; ``save`` keeps them on the job, ``discard`` not."""

    def __init__(self):
        self.keys: list[str] | None = None
        self._temp = self._text = self._writer = None

    def start(self, keys: list[str]) -> None:
        """Begin the file with the column keys of the upload's header, in order."""
        self.keys = list(keys)
        self._temp = tempfile.TemporaryFile()  # noqa: SIM115  (closed by save or discard)
        gz = gzip.GzipFile(fileobj=self._temp, mode="wb", compresslevel=COMPRESSION)
        self._text = io.TextIOWrapper(gz, encoding="utf-8", newline="")
        self._writer = csv.writer(self._text)
        self._writer.writerow(self.keys)

    def write(self, number: int, values: dict[str, str]) -> None:
        self._writer.writerow([number, *(values[key] for key in self.keys)])

    def save(self, job: ImportJob) -> None:
        """Store the file as the job's ``parsed`` (the job itself is saved by the caller)."""
        if self._temp is None:
            return
        self._text.close()  # ends the gzip stream; the temporary file stays open
        self._temp.seek(0)
        job.parsed.save(f"{job.pk}-rows.csv.gz", File(self._temp), save=False)
        self.discard()

    def discard(self) -> None:
        if self._text is not None and not self._text.closed:
            self._text.close()
        if self._temp is not None:
            self._temp.close()
        self._temp = self._text = self._writer = None


def parsed_rows(job: ImportJob, keys) -> Iterator[tuple[int, dict[str, str]]] | None:
    """The rows the dry run kept (number, column key → text), or ``None`` when the job has no
    such file, it is gone, or it names a column ``keys`` does not have."""
    if not job.parsed or not job.parsed.storage.exists(job.parsed.name):
        return None
    handle = job.parsed.open("rb")
    text = io.TextIOWrapper(gzip.GzipFile(fileobj=handle, mode="rb"), encoding="utf-8", newline="")
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None or not set(header) <= set(keys):
        text.close()
        handle.close()
        return None
    return _read(reader, header, text, handle)


def _read(reader, header: list[str], text, handle) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        for number, *cells in reader:
            yield int(number), dict(zip(header, cells, strict=True))
    except (OSError, EOFError, csv.Error, ValueError):
        raise SpreadsheetError("the rows kept by the dry run") from None
    finally:
        text.close()
        handle.close()


def parsed_delete(job: ImportJob) -> None:
    """Delete the job's kept rows, if any (the job is saved by the caller)."""
    if job.parsed:
        job.parsed.delete(save=False)


KEEP_DAYS = 7


def import_jobs_purge(*, now=None, days: int = KEEP_DAYS) -> int:
    """Delete the imports uploaded more than ``days`` ago with their files: an upload (and
    the rows kept from it) holds the members' ID numbers, and the audit log keeps what was
    applied. Return how many were deleted."""
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    old = list(ImportJob.objects.filter(created_at__lt=before))
    for job in old:
        parsed_delete(job)
        if job.file:
            job.file.delete(save=False)
    ImportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
