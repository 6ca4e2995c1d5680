"""Spreadsheets of shipments: an uploaded tracking list read (through members.spreadsheets),
the template to fill in, and the list for the courier's postal labels."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members import exports
from members.spreadsheets import NotASpreadsheet, SpreadsheetError, UnknownEncoding, read_table

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# The columns as headed in Chinese (the template's and what secretaries type).
COLUMNS = {
    "运单序号": "shipment",
    "姓名": "name",
    "手机号": "phone",
    "快递公司": "courier",
    "运单号": "tracking",
}
TEMPLATE_HEADER = ["运单序号", "姓名", "手机号", "邮寄地址", "快递公司", "运单号"]
LABEL_HEADER = ["运单序号", "姓名", "手机号", "邮寄地址", "礼包", "状态", "快递公司", "运单号"]


def read_rows(upload) -> list[tuple[int, dict[str, str]]]:
    """The data rows as (row number in the sheet, {column: text}); blank rows skipped.
    A file that cannot be read at all is one ``ValidationError`` saying why."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    try:
        rows = read_table(upload)
    except NotASpreadsheet:
        raise ValidationError(_("Upload an .xlsx or .csv file.")) from None
    except UnknownEncoding:
        raise ValidationError(_("The file is neither UTF-8 nor GBK text.")) from None
    except SpreadsheetError:
        raise ValidationError(_("The file is not a readable .xlsx workbook.")) from None
    return _with_header(rows)


def _with_header(rows) -> list[tuple[int, dict[str, str]]]:
    rows = list(rows)
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [COLUMNS.get(cell.replace(" ", ""), "") for cell in rows[0]]
    if "courier" not in header or "tracking" not in header:
        raise ValidationError(_("The first row must head the columns 快递公司 and 运单号."))
    if not {"shipment", "phone", "name"} & set(header):
        raise ValidationError(_("Add a column 运单序号, 手机号 or 姓名 to say whose parcel it is."))
    found = []
    for number, row in enumerate(rows[1:], start=2):
        values = {key: row[i] for i, key in enumerate(header) if key and i < len(row)}
        if any(values.values()):
            found.append((number, values))
    if len(found) > MAX_ROWS:
        raise ValidationError(_("At most 5000 rows in one file."))
    return found


def workbook_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    widths = [40 if column == "邮寄地址" else 16 for column in header]
    return exports.xlsx_bytes(header=header, rows=rows, widths=widths)


def csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    return exports.csv_bytes(header=header, rows=rows)
