"""The inflow side sees a registration once it is sent, never while it is a draft."""

import datetime

import pytest
from django.urls import reverse

from members.demo.samples import fake_id_number
from members.files.models import Member
from members.mobility import actions as records
from members.mobility.models import WORKFLOW, MobileRecord
from members.mobility.selectors import record_side
from tests.factories import make_external_organization, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(tree, member_a1):
    return make_record(member_a1, inflow_organization=tree.town_b, submit=False)


def test_inflow_secretary_gets_404_on_a_draft(client, draft, secretary_b):
    client.force_login(secretary_b)

    page = client.get(reverse("records:detail", args=[draft.pk]))
    api = client.get(f"/api/v1/records/{draft.pk}/")

    assert (page.status_code, api.status_code) == (404, 404)


def test_a_draft_is_not_in_the_inflow_list(client, draft, secretary_b):
    client.force_login(secretary_b)

    page = client.get(reverse("records:list") + "?side=inflow")
    api = client.get("/api/v1/records/?side=inflow").json()["results"]

    assert list(page.context["records"]) == []
    assert api == []
    assert list(record_side(user=secretary_b, side="inflow")) == []


def test_once_submitted_the_inflow_side_sees_it(client, draft, secretary_a, secretary_b):
    records.mobile_record_submit(actor=secretary_a, record=draft)
    client.force_login(secretary_b)

    response = client.get(reverse("records:detail", args=[draft.pk]))

    assert response.status_code == 200


def test_inflow_registration_is_a_declared_transition(tree, secretary_b):
    record = records.mobile_record_register_inflow(
        actor=secretary_b,
        receiving_organization=tree.town_b,
        outflow_external=make_external_organization(),
        member_fields={
            "name": "廖宏伟",
            "id_number": fake_id_number("510107", datetime.date(1987, 4, 12), 7, "M"),
            "joined_party_on": datetime.date(2011, 6, 28),
            "category": "full",
        },
        original_occupation="farmer",
        reason="work",
        unit_type="private_enterprise",
        departure_date=datetime.date(2026, 3, 1),
        destination_region_code="630103",
        destination_address="城中区",
    )

    event = record.events.get()
    assert "register_arrival" in WORKFLOW
    assert (event.transition, event.from_status, event.to_status) == (
        "register_arrival",
        "",
        "waiting",
    )
    assert record.member.status == Member.Status.MOBILE


def test_member_status_follows_the_records(tree, secretary_a, member_a1):
    record = make_record(member_a1, inflow_organization=tree.town_b)
    away = Member.objects.get(pk=member_a1.pk).status
    records.mobile_record_end(actor=secretary_a, record=record, end_reason="returned_home")

    assert (away, Member.objects.get(pk=member_a1.pk).status) == ("mobile", "active")


def test_api_cannot_type_a_member_status(client, secretary_a, member_a1):
    client.force_login(secretary_a)

    response = client.patch(
        f"/api/v1/members/{member_a1.pk}/", {"status": "mobile"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert Member.objects.get(pk=member_a1.pk).status == "active"


def test_a_second_open_registration_is_a_clear_error(client, tree, secretary_a, member_a1):
    make_record(member_a1, inflow_organization=tree.town_b)
    client.force_login(secretary_a)

    response = client.post(
        "/api/v1/records/",
        {"member": member_a1.pk, **_registration()},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "member" in response.json()
    assert MobileRecord.objects.filter(member=member_a1).count() == 1


def _registration() -> dict:
    return {
        "original_occupation": "farmer",
        "reason": "work",
        "unit_type": "private_enterprise",
        "departure_date": "2026-03-01",
        "destination_region_code": "630103",
        "destination_address": "城中区",
    }


def test_deleting_a_registration_with_a_letter_says_why(client, tree, secretary_a, member_a1):
    record = make_record(member_a1, inflow_organization=tree.town_b)
    records.letter_issue(actor=secretary_a, record=record, suggestions_for_inflow="请接收")
    client.force_login(secretary_a)

    response = client.delete(f"/api/v1/records/{record.pk}/")

    assert response.status_code == 409
    assert MobileRecord.objects.filter(pk=record.pk).exists()
