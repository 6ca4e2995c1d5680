"""Admin of the organisation tree and of organisations outside it: what staff of a subtree
may open and change (found by the permission walk, tests/members/walk)."""

import pytest
from django.contrib.auth.models import Permission

from members.organizations.models import ExternalOrganization
from tests.factories import make_external_organization

pytestmark = pytest.mark.django_db


def staff_client(client, user):
    """The user as staff with every model permission of the app, as the walk's staff are."""
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="members"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["secretary_a", "viewer_b"])
def test_the_tree_opens_no_level_below_a_node_outside_the_scope(request, client, tree, persona):
    client = staff_client(client, request.getfixturevalue(persona))

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
    client = staff_client(client, request.getfixturevalue(persona))
    url = f"/admin/members/externalorganization/{external.pk}/history/{version.history_id}/"

    page = client.get(url)
    response = client.post(url, {"name": "改过的名字", "region_code": "510107"})

    assert page.status_code == 200
    assert response.status_code == 403
    assert ExternalOrganization.objects.get().name == "中共成都市武侯区某街道工委"
    assert external.history.count() == 1
