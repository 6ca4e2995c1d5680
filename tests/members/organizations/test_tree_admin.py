"""The organisation tree, assignments and users in the admin: scoped, saved through the
actions."""

import pytest

from members.organizations.models import Organization
from tests.factories import make_organization
from tests.members.admin_staff import PERSONAS, admin_client

pytestmark = pytest.mark.django_db


def test_organisation_tree_opens_at_the_users_subtree(request, client, tree):
    client = admin_client(request, client, "secretary_a")

    top = client.get("/admin/members/organization/")
    children = client.get(f"/admin/members/organization/children/{tree.town_a.pk}/")

    assert [o.pk for o in top.context["cl"].result_list] == [tree.town_a.pk]
    assert tree.city.name.encode() not in top.content
    assert tree.town_b.name.encode() not in top.content
    assert tree.branch_a1.name in children.json()["result_html"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_search_and_change_page_matrix(request, client, tree, persona):
    client = admin_client(request, client, persona)
    visible = Organization.objects.visible_to(request.getfixturevalue(persona))
    seen = {o.pk for o in visible}

    found = client.get("/admin/members/organization/", {"q": "党"}).context["cl"].result_list
    assert {o.pk for o in found} == {o.pk for o in visible if "党" in o.name}
    for organization in vars(tree).values():
        response = client.get(f"/admin/members/organization/{organization.pk}/change/")
        assert response.status_code == (200 if organization.pk in seen else 302)


def test_organisation_added_under_a_writable_node_through_the_action(request, client, tree):
    client = admin_client(request, client, "secretary_a")
    form = {
        "name": "大街第二党支部",
        "kind": "branch",
        "region_code": "630102",
        "treebeard_position": "first-child",
        "treebeard_ref_node": tree.town_a.pk,
    }

    response = client.post("/admin/members/organization/add/", form)

    assert response.status_code == 302
    assert (
        Organization.objects.get_parent(Organization.objects.get(name="大街第二党支部"))
        == tree.town_a
    )


@pytest.mark.parametrize("where", ["town_b", "root"])
def test_organisation_cannot_be_added_outside_the_write_scope(request, client, tree, where):
    client = admin_client(request, client, "secretary_a")
    form = {
        "name": "越权支部",
        "kind": "branch",
        "region_code": "630102",
        "treebeard_position": "first-child",
        "treebeard_ref_node": getattr(tree, where).pk if where != "root" else "",
    }

    response = client.post("/admin/members/organization/add/", form)

    assert response.status_code == 200
    assert not Organization.objects.filter(name="越权支部").exists()


def test_secretary_edits_the_top_of_its_own_subtree(request, client, tree):
    client = admin_client(request, client, "secretary_a")
    page = client.get(f"/admin/members/organization/{tree.town_a.pk}/change/")
    form = {
        "name": tree.town_a.name,
        "kind": "town",
        "region_code": "630102",
        "contact_person": "马慧艳",
        "treebeard_position": "first-child",
        "treebeard_ref_node": tree.county_a.pk,
    }

    response = client.post(f"/admin/members/organization/{tree.town_a.pk}/change/", form)

    assert page.status_code == 200
    assert tree.city.name.encode() not in page.content  # the place list is the user's scope
    assert response.status_code == 302
    town = Organization.objects.get(pk=tree.town_a.pk)
    assert (town.contact_person, Organization.objects.get_parent(town)) == ("马慧艳", tree.county_a)


def test_organisation_move_checks_both_ends(request, client, tree):
    client = admin_client(request, client, "secretary_a")
    other = make_organization("大街第三党支部", parent=tree.town_a)
    base = {"name": other.name, "kind": "branch", "region_code": "630102"}

    refused = client.post(
        f"/admin/members/organization/{other.pk}/change/",
        base | {"treebeard_position": "first-child", "treebeard_ref_node": tree.town_b.pk},
    )
    moved = client.post(
        f"/admin/members/organization/{other.pk}/change/",
        base | {"treebeard_position": "first-child", "treebeard_ref_node": tree.branch_a1.pk},
    )

    assert refused.status_code == 200
    assert moved.status_code == 302
    assert Organization.objects.get_parent(Organization.objects.get(pk=other.pk)) == tree.branch_a1


# --- Reveal log, assignments, autocomplete -----------------------------------------------------


def test_user_page_has_the_assignment_inline(request, client, secretary_a):
    client = admin_client(request, client, "superuser")

    response = client.get(f"/admin/members/user/{secretary_a.pk}/change/")

    assert response.status_code == 200
    assert b"assignments-TOTAL_FORMS" in response.content


def test_assignment_list_is_scoped(request, client, secretary_a, secretary_b, viewer_b):
    client = admin_client(request, client, "viewer_b")

    response = client.get("/admin/members/assignment/")

    users = {a.user.username for a in response.context["cl"].result_list}
    assert users == {"liudehua", "czq_viewer"}


def test_organisation_autocomplete_is_scoped(request, client, tree):
    client = admin_client(request, client, "officer_a1")

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "members", "model_name": "member", "field_name": "organization"},
    )

    assert {int(r["id"]) for r in response.json()["results"]} == {tree.branch_a1.pk}


@pytest.mark.parametrize(
    ("target", "relation", "expected"),
    [("town_b", "child", 403), ("town_a", "sibling", 403), ("branch_a1", "child", 200)],
)
def test_tree_drag_and_drop_needs_a_writable_new_parent(
    request, client, tree, target, relation, expected
):
    client = admin_client(request, client, "secretary_a")
    node = make_organization("大街第四党支部", parent=tree.town_a)

    response = client.post(
        "/admin/members/organization/move/",
        {"node": node.pk, "target": getattr(tree, target).pk, "relation": relation},
    )

    assert response.status_code == expected
    parent = Organization.objects.get_parent(Organization.objects.get(pk=node.pk))
    assert parent == (tree.branch_a1 if expected == 200 else tree.town_a)
