"""The organisations API: each persona sees and changes its own subtrees."""

import pytest
from rest_framework.test import APIClient

from members.organizations.models import Organization

pytestmark = pytest.mark.django_db

PERSONAS = ["secretary_a", "secretary_b", "officer_a1", "viewer_b", "outsider", "superuser"]
WRITERS = {"secretary_a", "secretary_b", "officer_a1", "superuser"}
ORGANIZATIONS_SEEN = {
    "secretary_a": {"town_a", "branch_a1"},
    "secretary_b": {"town_b", "branch_b1"},
    "officer_a1": {"branch_a1"},
    "viewer_b": {"county_b", "town_b", "branch_b1"},
    "outsider": set(),
    "superuser": {"city", "county_a", "town_a", "branch_a1", "county_b", "town_b", "branch_b1"},
}


def client_for(request, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(persona))
    return client


def walk(client: APIClient, url: str) -> list[dict]:
    """Follow the cursor links to the end and return every row."""
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        rows += response.data["results"]
        url = response.data["next"]
    return rows


def test_organisation_list_queries_do_not_grow(request, tree, django_assert_max_num_queries):
    from tests.factories import make_organization

    client = client_for(request, "secretary_a")
    with django_assert_max_num_queries(3) as small:
        client.get("/api/v1/organizations/")
    for serial in range(20):
        make_organization(f"大街第{serial}党支部", parent=tree.town_a)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        assert len(client.get("/api/v1/organizations/").data["results"]) == 22

    assert not [q for q in large.captured_queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_list_and_detail_matrix(request, tree, persona):
    client = client_for(request, persona)

    rows = walk(client, "/api/v1/organizations/")

    assert {row["name"] for row in rows} == {
        getattr(tree, key).name for key in ORGANIZATIONS_SEEN[persona]
    }
    for key, organization in vars(tree).items():
        response = client.get(f"/api/v1/organizations/{organization.pk}/")
        assert response.status_code == (200 if key in ORGANIZATIONS_SEEN[persona] else 404), key


def test_organisation_shows_its_parent(request, tree):
    response = client_for(request, "secretary_a").get(f"/api/v1/organizations/{tree.town_a.pk}/")

    assert response.data["parent"] == tree.county_a.pk
    assert response.data["depth"] == 3


@pytest.mark.parametrize(
    ("persona", "parent", "expected"),
    [
        ("secretary_a", "town_a", 201),
        ("secretary_a", "town_b", 400),
        ("officer_a1", "branch_a1", 201),
        ("viewer_b", "county_b", 403),
        ("outsider", "town_a", 403),
        ("secretary_b", None, 403),  # a root needs an administrator
        ("superuser", None, 201),
    ],
)
def test_organisation_create_matrix(request, tree, persona, parent, expected):
    payload = {"name": "新建党支部", "kind": "branch", "region_code": "630102"}
    if parent:
        payload["parent"] = getattr(tree, parent).pk

    response = client_for(request, persona).post("/api/v1/organizations/", payload)

    assert response.status_code == expected, response.data
    created = Organization.objects.filter(name="新建党支部").first()
    assert (created is not None) == (expected == 201)
    if parent and created:
        assert Organization.objects.get_parent(created) == getattr(tree, parent)
        assert response.data["parent"] == getattr(tree, parent).pk


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_update_matrix(request, tree, persona):
    client = client_for(request, persona)

    for key, organization in vars(tree).items():
        response = client.patch(
            f"/api/v1/organizations/{organization.pk}/", {"contact_person": "严义萍"}
        )
        if key not in ORGANIZATIONS_SEEN[persona]:
            expected = 404
        elif persona not in WRITERS:
            expected = 403
        else:
            expected = 200
        assert response.status_code == expected, key


def test_organisation_update_rejects_a_bad_region_code(request, tree):
    response = client_for(request, "secretary_a").patch(
        f"/api/v1/organizations/{tree.town_a.pk}/", {"region_code": "12"}
    )

    assert response.status_code == 400
    assert "region_code" in response.data


def test_organisation_cannot_be_moved_through_the_api(request, tree):
    response = client_for(request, "secretary_a").patch(
        f"/api/v1/organizations/{tree.branch_a1.pk}/", {"parent": tree.county_a.pk}
    )

    assert response.status_code == 400
    assert (
        Organization.objects.get_parent(Organization.objects.get(pk=tree.branch_a1.pk))
        == tree.town_a
    )
