"""The table as the Excel workbook secretaries submit: title, unit and year, the official
headers with their merged cells, the lines with "of which" indented, the supplement below."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from members.exports import spreadsheet_cell
from members.statistics.selectors import StatisticsTable

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LABEL_WIDTHS = (10, 36)
NUMBER_WIDTH = 14
HEADER_HEIGHT = 60


def statistics_xlsx(table: StatisticsTable, *, subtree_text: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("The situation of mobile Party members")[:31]  # Excel's limit
    width = 3 + len(table.columns)  # two label columns, the total, the occupations
    _title(sheet, table, width, subtree_text)
    row = _headers(sheet, table, start=3)
    row = _lines(sheet, table, start=row)
    _supplement(sheet, table, start=row + 1, width=width)
    for number, size in enumerate(LABEL_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = size
    for number in range(len(LABEL_WIDTHS) + 1, width + 1):
        sheet.column_dimensions[get_column_letter(number)].width = NUMBER_WIDTH
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(sheet: Worksheet, table: StatisticsTable, width: int, subtree_text: str) -> None:
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    title = sheet.cell(1, 1, _("The situation of mobile Party members"))
    title.font, title.alignment = Font(bold=True, size=16), CENTRE
    sheet.row_dimensions[1].height = 30
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(2, 1, spreadsheet_cell(subtree_text))


def _box(sheet: Worksheet, row: int, column: int, value, *, rows: int = 1, columns: int = 1):
    """A cell, merged over ``rows`` × ``columns`` when larger, every part bordered."""
    if rows > 1 or columns > 1:
        sheet.merge_cells(
            start_row=row,
            start_column=column,
            end_row=row + rows - 1,
            end_column=column + columns - 1,
        )
    for r in range(row, row + rows):
        for c in range(column, column + columns):
            sheet.cell(r, c).border = BORDER
    cell = sheet.cell(row, column, value)
    return cell


def _headers(sheet: Worksheet, table: StatisticsTable, *, start: int) -> int:
    """项目 (2 × 2), 总数 (2 rows), 原职业 over the occupations; the next free row."""
    _box(sheet, start, 1, _("Item"), rows=2, columns=2).alignment = CENTRE
    _box(sheet, start, 3, _("Total number"), rows=2).alignment = CENTRE
    occupations = _("Original occupation")
    _box(sheet, start, 4, occupations, columns=len(table.columns)).alignment = CENTRE
    for offset, label in enumerate(table.columns):
        _box(sheet, start + 1, 4 + offset, str(label)).alignment = CENTRE
    sheet.row_dimensions[start + 1].height = HEADER_HEIGHT
    for row in (start, start + 1):
        for column in range(1, 4 + len(table.columns)):
            sheet.cell(row, column).font = Font(bold=True)
    return start + 2


def _lines(sheet: Worksheet, table: StatisticsTable, *, start: int) -> int:
    row = start
    for line in table.lines:
        if line.group_span:
            group = _box(sheet, row, 1, str(line.group), rows=line.group_span)
            group.alignment = CENTRE
        if line.grouped:
            label = _box(sheet, row, 2, str(line.label))
        else:
            label = _box(sheet, row, 1, str(line.label), columns=2)
        label.alignment = Alignment(indent=line.level * 2, vertical="center", wrap_text=True)
        for offset, value in enumerate(line.values):
            _box(sheet, row, 3 + offset, value)
        row += 1
    return row


def _supplement(sheet: Worksheet, table: StatisticsTable, *, start: int, width: int) -> None:
    """补充资料: each part its own small table — a header line, then its lines."""
    sheet.merge_cells(start_row=start, start_column=1, end_row=start, end_column=width)
    sheet.cell(start, 1, _("Supplement")).font = Font(bold=True, size=12)
    row = start + 1
    for part in table.supplement:
        heading = _box(sheet, row, 1, str(part["title"]), columns=2)
        heading.font, heading.alignment = Font(bold=True), Alignment(wrap_text=True)
        for offset, label in enumerate(part["headers"]):
            cell = _box(sheet, row, 3 + offset, str(label))
            cell.font, cell.alignment = Font(bold=True), CENTRE
        for line in part["rows"]:
            row += 1
            _box(sheet, row, 1, str(line["label"]), columns=2)
            for offset, value in enumerate(line["values"]):
                _box(sheet, row, 3 + offset, value)
        row += 2
