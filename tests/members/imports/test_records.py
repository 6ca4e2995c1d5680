"""Importing mobile registrations: through the registration's own actions, once per member."""

import pytest

from members.files import crypto
from members.imports.models import ImportJob
from members.mobility.models import MobileRecord
from tests.factories import make_member, make_record
from tests.members.imports.sheets import RECORD_HEADER, csv_file, record_row, xlsx

pytestmark = pytest.mark.django_db
RECORDS = ImportJob.Kind.RECORDS


def id_of(member) -> str:
    return crypto.decrypt(member.id_number_encrypted)


@pytest.fixture
def leaving(tree):
    return [make_member(tree.branch_a1, name=name) for name in ("张善强", "李建军", "王秀玲")]


def test_a_registration_is_submitted_to_the_inflow_organisation(
    upload, apply, secretary_a, tree, leaving
):
    rows = [record_row(id_of(leaving[0]))]
    apply(upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS))
    record = MobileRecord.objects.get()
    assert (record.status, record.inflow_organization) == ("waiting", tree.branch_b1)


def test_a_registration_without_inflow_organisation_is_registered_as_such(
    upload, apply, secretary_a, tree, leaving
):
    rows = [record_row(id_of(leaving[0]), 流入党组织="")]
    apply(upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS))
    assert MobileRecord.objects.get().status == "no_inflow"


def test_an_organisation_outside_the_system_is_recorded(upload, apply, secretary_a, tree, leaving):
    cells = {
        "流入党组织": "成都市某商会党支部",
        "流入党组织在系统外": "是",
        "系统外党组织区划代码": "510104",
    }
    rows = [record_row(id_of(leaving[0]), **cells)]
    apply(upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS))
    assert MobileRecord.objects.get().inflow_external.name == "成都市某商会党支部"


def test_the_member_is_away_after_the_import(upload, apply, secretary_a, tree, leaving):
    rows = [record_row(id_of(leaving[0]))]
    apply(upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS))
    leaving[0].refresh_from_db()
    assert leaving[0].status == "mobile"


@pytest.mark.parametrize("sheet", [xlsx, csv_file])
def test_the_same_registrations_imported_twice_change_nothing(
    sheet, upload, apply, secretary_a, tree, leaving
):
    rows = [record_row(id_of(member)) for member in leaving]
    apply(upload(secretary_a, tree.town_a, sheet(rows, RECORD_HEADER), kind=RECORDS))
    again = apply(upload(secretary_a, tree.town_a, sheet(rows, RECORD_HEADER), kind=RECORDS))
    assert (MobileRecord.objects.count(), again.unchanged_count) == (3, 3)


def test_another_open_registration_is_an_error(upload, secretary_a, tree, leaving):
    make_record(leaving[0], departure_date="2025-01-01")
    rows = [record_row(id_of(leaving[0]))]
    job = upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "公民身份号码")]


def test_a_member_of_another_subtree_is_not_found(upload, secretary_a, tree):
    elsewhere = make_member(tree.branch_b1)
    rows = [record_row(id_of(elsewhere))]
    job = upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "公民身份号码")]


def test_a_member_twice_in_the_file_is_an_error(upload, secretary_a, tree, leaving):
    rows = [record_row(id_of(leaving[0])), record_row(id_of(leaving[0]))]
    job = upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind=RECORDS)
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "公民身份号码")]
