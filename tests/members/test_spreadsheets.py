"""The one spreadsheet reader of education's imports: xlsx, csv in UTF-8 (BOM or not) or GBK."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from members.spreadsheets import (
    NotASpreadsheet,
    UnknownEncoding,
    UnreadableWorkbook,
    read_table,
)

ROWS = [["姓名", "手机号"], ["王文春", "13900000001"]]


def _csv(encoding: str) -> SimpleUploadedFile:
    text = "\n".join(",".join(row) for row in ROWS)
    return SimpleUploadedFile("名单.csv", text.encode(encoding))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_is_read_in_each_encoding_excel_writes(encoding):
    assert read_table(_csv(encoding)) == ROWS


def test_an_xlsx_number_is_read_as_the_digits_typed():
    book = Workbook()
    book.active.append(["姓名", "手机号"])
    book.active.append(["王文春", 13900000001.0])
    out = io.BytesIO()
    book.save(out)

    assert read_table(SimpleUploadedFile("名单.XLSX", out.getvalue())) == ROWS


def test_text_in_another_encoding_is_refused():
    with pytest.raises(UnknownEncoding):
        read_table(SimpleUploadedFile("名单.csv", "王文春".encode("utf-16")))


def test_a_broken_workbook_is_refused():
    with pytest.raises(UnreadableWorkbook):
        read_table(SimpleUploadedFile("名单.xlsx", b"not a zip"))


def test_another_kind_of_file_is_refused():
    with pytest.raises(NotASpreadsheet):
        read_table(SimpleUploadedFile("名单.pdf", b"%PDF-1.4"))
