"""Spreadsheet formula injection: every export writes formula-like text as plain text."""

import pytest

from members.exports import spreadsheet_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("西宁市=城东区", "西宁市=城东区"),
        (-5, "-5"),
        (None, ""),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_quoted(value, expected):
    assert spreadsheet_cell(value) == expected


def test_the_streamed_workbook_keeps_types_and_writes_formulas_as_text(tmp_path):
    import datetime
    from decimal import Decimal

    from openpyxl import load_workbook

    from members.exports import xlsx_stream

    # openpyxl reads a date cell as a naive date-time: Excel's cells have no time zone.
    EXCEL_DAY = datetime.datetime.combine(datetime.date(2026, 3, 1), datetime.time())
    rows = [["=HYPERLINK(1)", datetime.date(2026, 3, 1), Decimal("12.50"), 7, "名\x01字", None]]
    path = tmp_path / "list.xlsx"
    with path.open("wb") as out:
        written = xlsx_stream(out, header=["a", "b", "c", "d", "e", "f"], rows=rows, title="党员")

    sheet = load_workbook(path).active
    cells = [cell.value for cell in sheet[2]]
    assert (written, sheet.title, sheet.freeze_panes, cells) == (
        1,
        "党员",
        "A2",
        ["'=HYPERLINK(1)", EXCEL_DAY, 12.5, 7, "名字", None],
    )
