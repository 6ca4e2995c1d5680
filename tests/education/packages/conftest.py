import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from education.audience import Audience
from education.packages import actions
from tests.factories import make_member

ITEMS = [("《习近平新时代中国特色社会主义思想学习纲要》", 1), ("党章", 1), ("学习笔记本", 2)]


@pytest.fixture
def package(tree, secretary_a):
    return actions.package_create(
        actor=secretary_a, organization=tree.town_a, name="2026年度学习礼包", items=ITEMS
    )


@pytest.fixture
def members_a(tree):
    """Three members of branch A1 with household addresses."""
    return [
        make_member(tree.branch_a1, name=name, household_address=f"西宁市城东区大街{n}号")
        for n, name in enumerate(["曹忠海", "严义平", "汪海清"], start=1)
    ]


@pytest.fixture
def dispatch(tree, secretary_a, package, members_a):
    return actions.dispatch_create(
        actor=secretary_a,
        package=package,
        title="2026年度学习礼包寄送",
        audience=Audience(organization=tree.branch_a1, mobile_only=False),
    )


def shipment_of(dispatch, member):
    return dispatch.shipments.get(member=member)


def csv_upload(rows, *, encoding="utf-8", name="tracking.csv", header=None):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header or ["运单序号", "姓名", "手机号", "快递公司", "运单号"])
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def xlsx_upload(rows, *, header=None):
    book = Workbook()
    sheet = book.active
    sheet.append(header or ["运单序号", "姓名", "手机号", "快递公司", "运单号"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("tracking.xlsx", out.getvalue())


def row_for(shipment, tracking, courier="中国邮政"):
    return [shipment.pk, shipment.member.name, "", courier, tracking]
