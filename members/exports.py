"""Spreadsheets for download, the one way every export writes them (.csv and .xlsx).

A cell whose text starts like a formula (=, +, -, @, a tab or a carriage return) would be run
by the spreadsheet program that opens the file — ``=HYPERLINK(...)`` typed as a name or an
address becomes a link that leaks data or a command. Such text is written with a leading
apostrophe, as OWASP advises against CSV injection, so it shows as the text it is.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """The text a cell shows: ``None`` empty, text that starts like a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def csv_bytes(*, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Chinese text as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([spreadsheet_cell(value) for value in header])
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(
    *, header: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] = ()
) -> bytes:
    """One sheet; ``widths`` of the first columns, in characters."""
    book = Workbook()
    sheet = book.active
    sheet.append([spreadsheet_cell(value) for value in header])
    for row in rows:
        sheet.append([spreadsheet_cell(value) for value in row])
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
