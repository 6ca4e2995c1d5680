import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from education.packages import actions
from education.packages.models import Shipment
from education.packages.sms import PACKAGE_SENT
from education.packages.tracking import tracking_import
from members.outbox.models import Notification
from tests.education.packages.conftest import csv_upload, row_for, shipment_of, xlsx_upload

S = Shipment.Status


@pytest.fixture
def shipments(dispatch, members_a):
    return [shipment_of(dispatch, member) for member in members_a]


def clean_rows(shipments):
    return [row_for(s, f"YZ1000000{n}") for n, s in enumerate(shipments)]


def statuses(dispatch):
    return sorted(dispatch.shipments.values_list("status", flat=True))


def run(actor, dispatch, upload, **options):
    return tracking_import(actor=actor, dispatch=dispatch, upload=upload, **options)


def test_a_clean_file_marks_every_parcel_sent(secretary_a, dispatch, shipments):
    report = run(secretary_a, dispatch, csv_upload(clean_rows(shipments)))
    assert (report.applied, report.sent, statuses(dispatch)) == (True, 3, [S.SENT] * 3)


def test_a_clean_file_sends_each_member_the_sms(secretary_a, dispatch, shipments):
    run(secretary_a, dispatch, csv_upload(clean_rows(shipments)))
    assert Notification.objects.filter(kind=PACKAGE_SENT).count() == 3


def test_importing_again_changes_nothing(secretary_a, dispatch, shipments):
    run(secretary_a, dispatch, csv_upload(clean_rows(shipments)))
    report = run(secretary_a, dispatch, csv_upload(clean_rows(shipments)))
    counts = (report.sent, report.unchanged, Notification.objects.count())
    assert counts == (0, 3, 3)


def test_a_dry_run_applies_nothing(secretary_a, dispatch, shipments):
    report = run(secretary_a, dispatch, csv_upload(clean_rows(shipments)), dry_run=True)
    assert (report.applied, report.sent, statuses(dispatch)) == (False, 3, [S.TO_PACK] * 3)


def test_one_bad_row_applies_nothing(secretary_a, dispatch, shipments):
    rows = clean_rows(shipments)
    rows[2][3] = ""  # no courier
    report = run(secretary_a, dispatch, csv_upload(rows))
    assert ([e.row for e in report.errors], statuses(dispatch)) == ([4], [S.TO_PACK] * 3)


def test_every_bad_row_is_reported_with_its_number(secretary_a, dispatch, shipments):
    rows = clean_rows(shipments)
    rows[0][3] = ""
    rows[2][4] = rows[1][4]  # duplicate tracking number
    report = run(secretary_a, dispatch, csv_upload(rows))
    assert [e.row for e in report.errors] == [2, 4]


def _errors_for(secretary_a, dispatch, rows, header=None):
    return run(secretary_a, dispatch, csv_upload(rows, header=header)).errors


def test_an_unknown_shipment_id_is_a_row_error(secretary_a, dispatch, shipments):
    errors = _errors_for(secretary_a, dispatch, [[999999, "", "", "中国邮政", "YZ20000001"]])
    assert [e.row for e in errors] == [2]


def test_a_member_not_in_this_dispatch_is_a_row_error(secretary_a, dispatch, member_b1):
    rows = [["", member_b1.name, member_b1.phone, "中国邮政", "YZ20000001"]]
    assert [e.row for e in _errors_for(secretary_a, dispatch, rows)] == [2]


def test_a_name_not_matching_the_parcel_is_a_row_error(secretary_a, dispatch, shipments):
    rows = [[shipments[0].pk, "别人", "", "中国邮政", "YZ20000001"]]
    assert [e.row for e in _errors_for(secretary_a, dispatch, rows)] == [2]


def test_the_same_parcel_twice_is_a_row_error(secretary_a, dispatch, shipments):
    rows = [row_for(shipments[0], "YZ20000001"), row_for(shipments[0], "YZ20000002")]
    assert [e.row for e in _errors_for(secretary_a, dispatch, rows)] == [3]


def test_a_malformed_tracking_number_is_a_row_error(secretary_a, dispatch, shipments):
    rows = [row_for(shipments[0], "单号?")]
    assert [e.row for e in _errors_for(secretary_a, dispatch, rows)] == [2]


def test_a_number_on_another_parcel_is_a_row_error(secretary_a, dispatch, shipments):
    actions.shipment_send(
        actor=secretary_a, shipment=shipments[0], courier="中国邮政", tracking_number="YZ20000001"
    )
    rows = [row_for(shipments[1], "YZ20000001")]
    assert [e.row for e in _errors_for(secretary_a, dispatch, rows)] == [2]


def test_a_received_parcel_is_a_row_error(secretary_a, dispatch, shipments):
    actions.shipment_send(
        actor=secretary_a, shipment=shipments[0], courier="中国邮政", tracking_number="YZ20000001"
    )
    actions.shipment_receive(actor=secretary_a, shipment=shipments[0])
    rows = [row_for(shipments[0], "YZ20000009")]
    assert [e.row for e in _errors_for(secretary_a, dispatch, rows)] == [2]


def test_members_found_by_phone(secretary_a, dispatch, shipments):
    member = shipments[1].member
    rows = [[member.name, member.phone, "中国邮政", "YZ30000001"]]
    header = ["姓名", "手机号", "快递公司", "运单号"]
    assert _errors_for(secretary_a, dispatch, rows, header) == []


def test_a_gbk_csv_from_excel_is_read(secretary_a, dispatch, shipments):
    upload = csv_upload(clean_rows(shipments), encoding="gbk")
    assert run(secretary_a, dispatch, upload).sent == 3


def test_a_utf8_csv_with_bom_is_read(secretary_a, dispatch, shipments):
    upload = csv_upload(clean_rows(shipments), encoding="utf-8-sig")
    assert run(secretary_a, dispatch, upload).sent == 3


def test_an_xlsx_with_numeric_cells_is_read(secretary_a, dispatch, shipments):
    rows = [
        [s.pk, s.member.name, int(s.member.phone), "中国邮政", 98000000 + n]
        for n, s in enumerate(shipments)
    ]
    report = run(secretary_a, dispatch, xlsx_upload(rows))
    assert (report.sent, dispatch.shipments.order_by("pk")[0].tracking_number) == (3, "98000000")


def test_a_file_of_another_type_is_refused(secretary_a, dispatch, shipments):
    with pytest.raises(ValidationError):
        run(secretary_a, dispatch, SimpleUploadedFile("tracking.pdf", b"%PDF-1.4"))


def test_a_file_over_5_mb_is_refused(secretary_a, dispatch, shipments):
    with pytest.raises(ValidationError):
        run(secretary_a, dispatch, SimpleUploadedFile("big.csv", b"a" * (5 * 1024 * 1024 + 1)))


def test_a_file_without_the_columns_is_refused(secretary_a, dispatch, shipments):
    with pytest.raises(ValidationError):
        run(secretary_a, dispatch, csv_upload([["x"]], header=["名称"]))


def test_only_the_sender_imports(secretary_b, dispatch, shipments):
    with pytest.raises(PermissionDenied):
        run(secretary_b, dispatch, csv_upload(clean_rows(shipments)))
