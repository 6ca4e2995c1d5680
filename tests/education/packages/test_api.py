import pytest
from rest_framework.test import APIClient

from tests.education.packages.conftest import csv_upload, row_for, shipment_of


@pytest.fixture
def api(secretary_a):
    client = APIClient()
    client.force_authenticate(secretary_a)
    return client


def test_dispatches_carry_their_progress(api, dispatch):
    answer = api.get(f"/api/v1/education/package-dispatches/{dispatch.pk}/")
    assert answer.json()["progress"]["total"] == 3


def test_a_refused_step_is_409(api, dispatch, members_a):
    shipment = shipment_of(dispatch, members_a[0])
    assert api.post(f"/api/v1/education/shipments/{shipment.pk}/deliver/").status_code == 409


def test_a_step(api, dispatch, members_a):
    shipment = shipment_of(dispatch, members_a[0])
    answer = api.post(
        f"/api/v1/education/shipments/{shipment.pk}/send/",
        {"courier": "中国邮政", "tracking_number": "9800001111"},
        format="json",
    )
    assert answer.json()["status"] == "sent"


def test_shipments_filter_by_status(api, dispatch):
    answer = api.get(f"/api/v1/education/shipments/?dispatch={dispatch.pk}&status=sent")
    assert answer.json()["results"] == []


def test_the_import_dry_run_reports_row_errors(api, dispatch, members_a):
    rows = [row_for(shipment_of(dispatch, members_a[0]), "")]
    answer = api.post(
        f"/api/v1/education/package-dispatches/{dispatch.pk}/import/",
        {"file": csv_upload(rows), "dry_run": "true"},
        format="multipart",
    )
    assert (answer.status_code, [e["row"] for e in answer.json()["errors"]]) == (400, [2])


def test_another_subtree_cannot_see_the_dispatch(secretary_b, dispatch):
    client = APIClient()
    client.force_authenticate(secretary_b)
    assert client.get(f"/api/v1/education/package-dispatches/{dispatch.pk}/").status_code == 404


def test_a_dispatch_through_the_api(api, tree, package, members_a):
    answer = api.post(
        "/api/v1/education/package-dispatches/",
        {
            "package": package.pk,
            "organization": tree.branch_a1.pk,
            "title": "礼包",
            "mobile_only": False,
        },
        format="json",
    )
    assert (answer.status_code, answer.json()["progress"]["total"]) == (201, 3)


def test_a_package_through_the_api(api, tree):
    answer = api.post(
        "/api/v1/education/study-packages/",
        {
            "organization": tree.town_a.pk,
            "name": "礼包",
            "items": [{"title": "党章", "quantity": 1}],
        },
        format="json",
    )
    assert answer.status_code == 201


def test_a_dispatch_to_chosen_members(api, tree, package, members_a):
    answer = api.post(
        "/api/v1/education/package-dispatches/",
        {
            "package": package.pk,
            "organization": tree.town_a.pk,
            "title": "礼包",
            "members": [members_a[0].pk],
        },
        format="json",
    )
    assert answer.json()["progress"]["total"] == 1
