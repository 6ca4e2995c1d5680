"""Care's API: records, campaigns with their list, the visits and their steps (409 refused)."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from services.care.models import CareCampaign, CareRecord

pytestmark = pytest.mark.django_db
API = "/api/v1/services"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_campaign_made_through_the_api_has_its_list(secretary_a, tree, family):
    answer = client_for(secretary_a).post(
        f"{API}/care-campaigns/",
        {
            "organization": tree.town_a.pk,
            "name": "大街春节走访",
            "holiday": "spring_festival",
            "focus": "all",
            "starts_on": "2026-11-01",
            "ends_on": "2027-02-20",
        },
        format="json",
    )
    assert (answer.status_code, answer.json()["visits_count"]) == (201, 2)


def test_a_campaign_ending_before_it_starts_is_a_field_error(secretary_a, tree, family):
    answer = client_for(secretary_a).post(
        f"{API}/care-campaigns/",
        {
            "organization": tree.town_a.pk,
            "name": "大街春节走访",
            "holiday": "spring_festival",
            "focus": "all",
            "starts_on": "2026-11-01",
            "ends_on": "2026-10-01",
        },
        format="json",
    )
    assert (answer.status_code, list(answer.json())) == (400, ["ends_on"])


def test_the_campaigns_visits(secretary_a, campaign_a):
    answer = client_for(secretary_a).get(f"{API}/care-campaigns/{campaign_a.pk}/visits/")
    names = sorted(row["family_member_name"] for row in answer.json()["results"])
    assert names == ["李小花", "李老爹"]


def test_done_through_the_api_makes_the_record(secretary_a, visit_father):
    answer = client_for(secretary_a).post(
        f"{API}/care-visits/{visit_father.pk}/done/", {"on_date": "2026-11-20"}, format="json"
    )
    assert (answer.status_code, answer.json()["status"], CareRecord.objects.count()) == (
        200,
        "visited",
        1,
    )


def test_skip_after_done_is_a_conflict(secretary_a, visit_father):
    client = client_for(secretary_a)
    client.post(
        f"{API}/care-visits/{visit_father.pk}/done/", {"on_date": "2026-11-20"}, format="json"
    )
    answer = client.post(f"{API}/care-visits/{visit_father.pk}/skip/", {}, format="json")
    assert (answer.status_code, CareCampaign.objects.get().visits_count) == (409, 2)


def test_a_viewer_may_not_record_a_visit(viewer_b, visit_father):
    answer = client_for(viewer_b).post(
        f"{API}/care-visits/{visit_father.pk}/done/", {"on_date": "2026-11-20"}, format="json"
    )
    assert (answer.status_code, CareRecord.objects.count()) == (403, 0)


def test_an_outsider_does_not_find_the_visit(outsider, visit_father):
    answer = client_for(outsider).get(f"{API}/care-visits/{visit_father.pk}/")
    assert answer.status_code == 404


def test_a_care_record_through_the_api(secretary_a, tree, mobile_a_in_b, family):
    answer = client_for(secretary_a).post(
        f"{API}/care-records/",
        {
            "member": mobile_a_in_b.pk,
            "family_member": family["daughter"].pk,
            "organization": tree.branch_a1.pk,
            "kind": "school",
            "on_date": "2026-09-01",
            "description": "协助办理入学",
        },
        format="json",
    )
    assert (answer.status_code, CareRecord.objects.get().family_member) == (201, family["daughter"])


def test_another_members_relative_is_a_field_error(secretary_a, tree, member_a1, family):
    answer = client_for(secretary_a).post(
        f"{API}/care-records/",
        {
            "member": member_a1.pk,
            "family_member": family["father"].pk,
            "organization": tree.branch_a1.pk,
            "kind": "elder",
            "on_date": "2026-09-01",
            "description": "看望",
        },
        format="json",
    )
    assert (answer.status_code, list(answer.json())) == (400, ["family_member"])


def test_the_schema_has_the_care_operations():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    care = sorted(path for path in paths if "/care-" in path)
    assert care == [
        "/api/v1/services/care-campaigns/",
        "/api/v1/services/care-campaigns/{id}/",
        "/api/v1/services/care-campaigns/{id}/visits/",
        "/api/v1/services/care-records/",
        "/api/v1/services/care-records/{id}/",
        "/api/v1/services/care-visits/",
        "/api/v1/services/care-visits/{id}/",
        "/api/v1/services/care-visits/{id}/done/",
        "/api/v1/services/care-visits/{id}/skip/",
    ]
