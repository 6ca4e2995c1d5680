import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from education.audience import Audience
from education.classes import actions
from tests.factories import make_member

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 11, 27, 9, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def invitees(tree):
    """Mobile members of A1 (王文春 among them) and one of B1; one at home in A1."""
    members = [
        make_member(tree.branch_a1, name="王文春", status="mobile", phone="13900000001"),
        make_member(tree.branch_a1, name="曹忠海", status="mobile", phone="13900000002"),
        make_member(tree.branch_b1, name="肖双强", status="mobile", phone="13900000003"),
    ]
    make_member(tree.branch_a1, name="张在家", phone="13900000004")
    return members


@pytest.fixture
def city_officer(tree):
    from tests.factories import UserFactory, assign

    user = UserFactory(username="xn_zzb", full_name="西宁市委组织部")
    assign(user, tree.city, "officer")
    return user


@pytest.fixture
def scheduled(tree, city_officer):
    return actions.training_class_create(
        actor=city_officer,
        organization=tree.city,
        title="2026年流动党员线上培训班",
        starts_at=NOW + datetime.timedelta(minutes=50),
        duration_minutes=90,
        meeting_link="https://meeting.tencent.com/dm/abc",
    )


@pytest.fixture
def invited(scheduled, tree, city_officer, invitees):
    actions.training_class_invite(
        actor=city_officer, training_class=scheduled, audience=Audience(organization=tree.city)
    )
    return scheduled


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("参会明细.xlsx", buffer.getvalue())


def csv_file(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("参会明细.csv", text.encode(encoding))
