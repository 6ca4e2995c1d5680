"""Reading an uploaded spreadsheet, the one way for every education import: an .xlsx
workbook's first sheet, or a .csv file in UTF-8 (with or without the BOM Excel writes) or in
GBK (as Excel in China saves "CSV"). Cells come back as stripped text; what the columns mean,
the size allowed and the words of the error are the importing topic's.
"""

import csv
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

# GB18030 reads everything GBK (and GB2312) does.
ENCODINGS = ("utf-8-sig", "gb18030")


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
    name = (upload.name or "").lower()
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


def _xlsx_rows(upload) -> list[list[str]]:
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        return [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise UnreadableWorkbook(upload.name) from None


def _csv_rows(upload) -> list[list[str]]:
    raw = upload.read()
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnknownEncoding(upload.name)
    try:
        return [[cell_text(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error:
        raise SpreadsheetError(upload.name) from None
