"""Import files for the tests: member and registration rows as .xlsx or .csv uploads."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from members.demo.samples import fake_id_number
from members.imports.template import MEMBER_COLUMNS, RECORD_COLUMNS

MEMBER_HEADER = [column.header for column in MEMBER_COLUMNS]
RECORD_HEADER = [column.header for column in RECORD_COLUMNS]


def id_number(serial: int, gender: str = "M") -> str:
    """A distinct valid ID number per serial (499 serials a birth day)."""
    born = datetime.date(1980, 5, 6) + datetime.timedelta(days=serial // 499)
    return fake_id_number("630102", born, serial % 499 + 1, gender)


def member_row(serial: int, organization: str = "大街社区党支部", **cells) -> dict:
    """One good member row (header → cell)."""
    row = {
        "姓名": "王秀"
        + "玲红兰梅芳英华军平霞"[serial % 10]
        + "一二三四五六七八九十"[serial // 10 % 10],
        "公民身份号码": id_number(serial, gender="F"),
        "民族": "汉族",
        "手机号码": f"139{serial:08d}",
        "学历": "大学本科",
        "所在党组织": organization,
        "党员类别": "正式党员",
        "入党日期": "2015-07-01",
        "转正日期": "2016-07-01",
        "技能特长": "焊工、驾驶",
    }
    row.update(cells)
    return row


def record_row(id_number: str, **cells) -> dict:
    row = {
        "公民身份号码": id_number,
        "原职业": "农牧渔民",
        "外出原因": "务工经商",
        "流入单位类型": "私营企业",
        "外出日期": "2026-03-01",
        "预计外出时长（月）": "12",
        "流入地区划代码": "630103",
        "流入地详细地址": "西宁市城中区南滩街道某工地",
        "流入党组织": "南滩街道流动党员党支部",
    }
    row.update(cells)
    return row


def xlsx(rows: list[dict], header: list[str], name: str = "导入.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column, "") for column in header])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def csv_file(
    rows: list[dict], header: list[str], name: str = "导入.csv", encoding: str = "utf-8-sig"
) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return SimpleUploadedFile(name, out.getvalue().encode(encoding))
