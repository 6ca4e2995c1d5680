"""Reading the meeting platform's attendance export (read by members.spreadsheets).

The platforms (腾讯会议, 钉钉, …) export one row per participant; the columns used are 姓名,
手机号 and 入会时长(分钟). Every row is checked against the class's invitations and each bad
row is reported with its number and the reason; the caller applies nothing unless all are
clean.
"""

import re
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from members.spreadsheets import SpreadsheetError, read_table

NAME, PHONE, MINUTES = "姓名", "手机号", "入会时长(分钟)"
COLUMNS = (NAME, PHONE, MINUTES)
MAX_ROWS = 50_000
MAX_SIZE = 10 * 1024 * 1024


@dataclass
class ParsedSheet:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, values)
    errors: list[str] = field(default_factory=list)


def read_sheet(upload: UploadedFile) -> ParsedSheet:
    """The rows under the header, numbered as the spreadsheet numbers them (header = 1)."""
    sheet = ParsedSheet()
    if upload.size > MAX_SIZE:
        sheet.errors.append(_("The file is larger than 10 MB."))
        return sheet
    try:
        table = iter(read_table(upload))
    except SpreadsheetError:
        sheet.errors.append(_("The file could not be read: upload the .xlsx or .csv export."))
        return sheet
    header = [_clean_header(cell) for cell in next(table, [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        sheet.errors.append(_("Columns missing: %(columns)s.") % {"columns": "、".join(missing)})
        return sheet
    where = {column: header.index(column) for column in COLUMNS}
    for number, cells in enumerate(table, start=2):
        values = {c: cells[where[c]] if where[c] < len(cells) else "" for c in COLUMNS}
        if any(values.values()):
            sheet.rows.append((number, values))
        if len(sheet.rows) > MAX_ROWS:
            sheet.errors.append(_("More than %(n)d rows.") % {"n": MAX_ROWS})
            break
    return sheet


def _clean_header(cell) -> str:
    # Platforms differ in brackets (full-width or not) and spaces around the words.
    text = str(cell or "").strip().replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", text)


def parse_minutes(text: str) -> int | None:
    """Whole minutes (a platform may write "45" or "45.0"); None when not a number."""
    try:
        minutes = float(text)
    except ValueError:
        return None
    return int(minutes) if 0 <= minutes <= 24 * 60 else None
