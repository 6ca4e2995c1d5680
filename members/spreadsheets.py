"""Reading an uploaded spreadsheet, the one way for every import: an .xlsx workbook's first
sheet, or a .csv file in UTF-8 (with or without the BOM Excel writes) or in GBK/GB18030 (as
Excel in China saves "CSV"). What the columns mean, the size allowed and the words of the
error are the importing topic's.

``iter_table`` streams: a workbook is opened in openpyxl's read-only mode and a csv file is
decoded as it is read, so a file of 100,000 rows is never held in memory. ``read_table`` is
the whole table as stripped text, for the small imports that want a list.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

# GB18030 reads everything GBK (and GB2312) does.
ENCODINGS = ("utf-8-sig", "gb18030")
_PROBE_BYTES = 1 << 16


class SpreadsheetError(ValueError):
    """The upload could not be read as a table (the subclass says why)."""


class NotASpreadsheet(SpreadsheetError):
    """Neither .xlsx nor .csv by its name."""


class UnreadableWorkbook(SpreadsheetError):
    """Named .xlsx, but not a workbook openpyxl can open."""


class UnknownEncoding(SpreadsheetError):
    """A .csv file in neither UTF-8 nor GBK."""


def read_table(upload) -> list[list[str]]:
    """Every row of the upload, header included, as lists of stripped text."""
    return [[cell_text(value) for value in row] for row in iter_table(upload)]


def iter_table(upload, *, name: str | None = None) -> Iterator[tuple]:
    """Stream the rows of an .xlsx or .csv file (``name`` decides which; default: the
    upload's). Workbook cells come as openpyxl gives them (text, numbers, dates), csv cells
    as text."""
    name = (name if name is not None else upload.name or "").lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(upload)
    if name.endswith(".csv"):
        return _csv_rows(upload)
    raise NotASpreadsheet(name)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # numbers typed into Excel: 13800000000.0, tracking numbers, minutes
    return str(value).strip()


def _xlsx_rows(upload) -> Iterator[tuple]:
    try:
        upload.seek(0)
        book = load_workbook(upload, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, IndexError):
        raise UnreadableWorkbook(upload.name) from None
    return _guarded(rows, book, upload.name)


def _guarded(rows, book, name) -> Iterator[tuple]:
    """The sheet's rows; a workbook broken further in is still one ``UnreadableWorkbook``."""
    try:
        yield from rows
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnreadableWorkbook(name) from None
    finally:
        book.close()


def _csv_rows(upload) -> Iterator[list[str]]:
    encoding = _csv_encoding(upload)
    upload.seek(0)
    text = io.TextIOWrapper(_Unclosable(upload), encoding=encoding, newline="")
    try:
        yield from csv.reader(text)
    except csv.Error:
        raise SpreadsheetError(upload.name) from None


def _csv_encoding(upload) -> str:
    """The first of ``ENCODINGS`` that decodes the whole file, read in blocks (one pass)."""
    for encoding in ENCODINGS:
        upload.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while block := upload.read(_PROBE_BYTES):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UnknownEncoding(upload.name)


class _Unclosable(io.RawIOBase):
    """The upload seen as a raw stream that the text wrapper may close without closing it."""

    def __init__(self, upload):
        self.upload = upload

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.upload.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
