"""Admin of people and roles: scoped like everything else; privileges stay with administrators."""

import pytest

from members.organizations.models import Assignment, ExternalOrganization, User
from members.organizations.selectors import HandlerBook
from tests.factories import assign, make_external_organization, make_staff

pytestmark = pytest.mark.django_db


def _staff(client, user, *codenames):
    client.force_login(make_staff(user, *codenames))
    return client


def test_user_list_shows_only_people_of_the_subtree(client, secretary_a, secretary_b, superuser):
    client = _staff(client, secretary_a)

    listing = client.get("/admin/members/user/")

    assert set(listing.context["cl"].result_list) == {secretary_a}
    assert client.get(f"/admin/members/user/{secretary_b.pk}/change/").status_code == 302
    assert client.get(f"/admin/members/user/{superuser.pk}/change/").status_code == 302


def test_staff_cannot_make_themselves_administrators(client, secretary_a):
    client = _staff(client, secretary_a)
    page = client.get(f"/admin/members/user/{secretary_a.pk}/change/")

    fields = page.context["adminform"].form.fields
    assert {"is_superuser", "user_permissions", "groups", "is_staff"}.isdisjoint(fields)


def test_a_person_with_a_role_elsewhere_can_be_read_but_not_changed(client, tree, secretary_a):
    shared = User.objects.create_user("shared", full_name="两地兼职")
    assign(shared, tree.branch_a1, "officer")
    assign(shared, tree.town_b, "viewer")

    assert list(User.objects.visible_to(secretary_a).filter(pk=shared.pk)) == [shared]
    assert not User.objects.visible_to(secretary_a, for_write=True).filter(pk=shared.pk).exists()


def test_assignments_keep_their_history(tree, secretary_a):
    assignment = Assignment.objects.get(user=secretary_a)
    assignment.role = "viewer"
    assignment.save()

    assert [h.role for h in assignment.history.order_by("history_id")] == ["secretary", "viewer"]


def test_handlers_are_looked_up_once_per_organisation(tree, secretary_b, django_assert_num_queries):
    book = HandlerBook()
    with django_assert_num_queries(2):
        first = book.handlers(tree.branch_b1)  # nobody on the branch: the town's secretary
    with django_assert_num_queries(0):
        again = book.handlers(tree.branch_b1)

    assert first == again == [secretary_b]


@pytest.mark.parametrize("persona", ["secretary_a", "viewer_b"])
def test_the_tree_opens_no_level_below_a_node_outside_the_scope(request, client, tree, persona):
    client = _staff(client, request.getfixturevalue(persona))

    response = client.get(f"/admin/members/organization/children/{tree.town_a.pk}/")

    if persona == "secretary_a":
        assert tree.branch_a1.name in response.json()["result_html"]
    else:
        # As for a node that does not exist: treebeard looked the parent up unscoped (200).
        assert response.status_code == 404


@pytest.mark.parametrize("persona", ["secretary_a", "viewer_b"])
def test_no_staff_user_restores_an_external_organisation_from_its_history(request, client, persona):
    """The version page saved whatever was posted to it: even a read-only viewer could rename
    an organisation only administrators change."""
    external = make_external_organization(name="中共成都市武侯区某街道工委")
    version = external.history.get()
    client = _staff(client, request.getfixturevalue(persona))
    url = f"/admin/members/externalorganization/{external.pk}/history/{version.history_id}/"

    page = client.get(url)
    response = client.post(url, {"name": "改过的名字", "region_code": "510107"})

    assert page.status_code == 200
    assert response.status_code == 403
    assert ExternalOrganization.objects.get().name == "中共成都市武侯区某街道工委"
    assert external.history.count() == 1
