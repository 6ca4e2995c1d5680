import pytest
from django.urls import reverse

from education.packages import actions
from education.packages.models import Dispatch, Shipment, StudyPackage
from education.packages.selectors import shipment_readable
from tests.education.packages.conftest import csv_upload, row_for, shipment_of


@pytest.fixture
def signed_in(client, secretary_a):
    client.force_login(secretary_a)
    return client


def test_the_list_shows_the_progress(signed_in, dispatch):
    page = signed_in.get(reverse("education:packages:dispatch_list"))
    assert 'data-total="3" data-sent="0"' in page.content.decode()


def test_the_detail_offers_the_sender_the_steps(signed_in, dispatch, members_a):
    shipment = shipment_of(dispatch, members_a[0])
    page = signed_in.get(reverse("education:packages:dispatch_detail", args=[dispatch.pk]))
    assert (
        reverse("education:packages:shipment_step", args=[shipment.pk, "send"])
        in page.content.decode()
    )


def test_the_detail_filters_by_status(signed_in, dispatch):
    page = signed_in.get(
        reverse("education:packages:dispatch_detail", args=[dispatch.pk]) + "?status=sent"
    )
    assert "data-shipment=" not in page.content.decode()


def test_a_reader_sees_no_steps(client, viewer_b, secretary_a, tree, package, mobile_a_in_b):
    dispatch = actions.dispatch_create(
        actor=secretary_a,
        package=package,
        title="礼包",
        organization=tree.town_a,
        member_ids=[mobile_a_in_b.pk],
    )
    client.force_login(viewer_b)
    page = client.get(reverse("education:packages:dispatch_detail", args=[dispatch.pk]))
    assert (page.status_code, "/shipments/" in page.content.decode()) == (200, False)


def test_the_new_dispatch_previews_then_creates(signed_in, tree, package, members_a):
    data = {
        "package": package.pk,
        "title": "年度礼包",
        "audience_organization": tree.branch_a1.pk,
    }
    preview = signed_in.post(reverse("education:packages:dispatch_create"), data)
    signed_in.post(reverse("education:packages:dispatch_create"), data | {"confirm": "1"})
    counted = 'id="recipient-count">3<' in preview.content.decode()
    assert (counted, Dispatch.objects.get().shipments.count()) == (True, 3)


def test_a_step_on_the_page(signed_in, dispatch, members_a):
    shipment = shipment_of(dispatch, members_a[0])
    url = reverse("education:packages:shipment_step", args=[shipment.pk, "send"])
    signed_in.post(url, {"courier": "中国邮政", "tracking_number": "9800001111"})
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.SENT


def test_the_import_page_lists_the_bad_rows(signed_in, dispatch, members_a):
    rows = [row_for(shipment_of(dispatch, members_a[0]), "")]
    page = signed_in.post(
        reverse("education:packages:tracking_import", args=[dispatch.pk]),
        {"file": csv_upload(rows)},
    )
    assert 'id="import-errors"' in page.content.decode()


def test_a_clean_import_goes_back_to_the_dispatch(signed_in, dispatch, members_a):
    rows = [row_for(shipment_of(dispatch, members_a[0]), "9800001111")]
    answer = signed_in.post(
        reverse("education:packages:tracking_import", args=[dispatch.pk]),
        {"file": csv_upload(rows)},
    )
    assert answer.url == reverse("education:packages:dispatch_detail", args=[dispatch.pk])


def test_the_postal_list_is_for_the_sender_only(client, secretary_b, dispatch):
    client.force_login(secretary_b)
    answer = client.get(reverse("education:packages:shipment_export", args=[dispatch.pk, "csv"]))
    assert answer.status_code == 404


def test_the_postal_list_holds_names_phones_and_addresses(signed_in, dispatch, members_a):
    answer = signed_in.get(reverse("education:packages:shipment_export", args=[dispatch.pk, "csv"]))
    text = answer.content.decode("utf-8-sig")
    assert f"曹忠海,{members_a[0].phone},西宁市城东区大街1号" in text


def test_the_template_is_a_workbook(signed_in, dispatch):
    answer = signed_in.get(reverse("education:packages:tracking_template", args=[dispatch.pk]))
    assert answer.content[:2] == b"PK"


def test_a_new_package(signed_in, tree):
    signed_in.post(
        reverse("education:packages:package_create"),
        {"organization": tree.town_a.pk, "name": "礼包", "items": "党章\n学习笔记本 × 2"},
    )
    items = list(StudyPackage.objects.get().items.values_list("title", "quantity"))
    assert items == [("党章", 1), ("学习笔记本", 2)]


def test_the_member_file_shows_the_parcels(signed_in, dispatch, members_a):
    page = signed_in.get(reverse("members:member_detail", args=[members_a[0].pk]))
    assert 'id="member-shipments"' in page.content.decode()


def test_a_viewer_reads_the_shipments_of_the_members_it_oversees_and_no_others(
    viewer_b, secretary_a, tree, package, mobile_a_in_b, members_a
):
    dispatch = actions.dispatch_create(
        actor=secretary_a,
        package=package,
        title="礼包",
        organization=tree.town_a,
        member_ids=[mobile_a_in_b.pk, members_a[0].pk],
    )

    readable = shipment_readable(user=viewer_b)

    assert list(readable) == [shipment_of(dispatch, mobile_a_in_b)]
