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
