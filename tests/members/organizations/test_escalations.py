"""The escalations issue 14 found through the admin: each attempt fails and changes nothing.

The staff secretary holds every ``members`` model permission, as the office grants its staff;
the separated administrator roles (三员分立) decide what the admin lets anyone do.
"""

import pytest

from members.organizations.models import Assignment, ExternalOrganization, User
from members.outbox.models import MessageTemplate
from tests.factories import assign, make_external_organization, make_staff

pytestmark = pytest.mark.django_db


def _staff(client, user):
    client.force_login(make_staff(user))
    return client


def _rows(user: User) -> tuple:
    user.refresh_from_db()
    return (user.is_superuser, user.is_staff, user.admin_role, user.password)


def test_a_staff_secretary_cannot_make_themselves_superuser(client, secretary_a):
    client = _staff(client, secretary_a)
    before = _rows(secretary_a)
    url = f"/admin/members/user/{secretary_a.pk}/change/"

    response = client.post(
        url,
        {
            "username": "mahuiyan",
            "full_name": "马慧艳",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "admin_role": "security",
        },
    )

    assert response.status_code == 403
    assert _rows(secretary_a) == before
    assert not secretary_a.is_superuser


@pytest.mark.parametrize("persona", ["secretary_a", "sysadmin", "secadmin"])
def test_nobody_changes_the_superusers_password(request, client, superuser, persona):
    actor = request.getfixturevalue(persona)
    if persona == "secretary_a":
        make_staff(actor)
    client.force_login(actor)
    url = f"/admin/members/user/{superuser.pk}/password/"
    new = {"password1": "Taken-Over-2026", "password2": "Taken-Over-2026"}

    page = client.get(url)
    response = client.post(url, {**new, "usable_password": "true"})

    assert page.status_code == 403
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password("Sanlian-2026")


@pytest.mark.parametrize("persona", ["secretary_a", "sysadmin", "secadmin"])
def test_nobody_deletes_an_account(request, client, tree, persona):
    colleague = User.objects.create_user("colleague", full_name="同事")
    assign(colleague, tree.branch_a1, "officer")
    actor = request.getfixturevalue(persona)
    if persona == "secretary_a":
        make_staff(actor)
    client.force_login(actor)

    response = client.post(f"/admin/members/user/{colleague.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert User.objects.filter(pk=colleague.pk).exists()


def test_a_staff_secretary_cannot_grant_another_countys_secretary_a_role(
    client, tree, secretary_a, secretary_b
):
    client = _staff(client, secretary_a)

    response = client.post(
        "/admin/members/assignment/add/",
        {"user": secretary_b.pk, "organization": tree.branch_a1.pk, "role": "officer"},
    )

    assert response.status_code == 403
    assert list(
        Assignment.objects.filter(user=secretary_b).values_list("organization", flat=True)
    ) == [tree.town_b.pk]


def test_a_staff_secretary_cannot_grant_a_role_through_a_persons_page(client, tree, secretary_a):
    colleague = User.objects.create_user("colleague", full_name="同事")
    assign(colleague, tree.branch_a1, "viewer")
    client = _staff(client, secretary_a)

    response = client.post(
        f"/admin/members/user/{colleague.pk}/change/",
        {
            "username": "colleague",
            "is_active": "on",
            "assignments-TOTAL_FORMS": "2",
            "assignments-INITIAL_FORMS": "1",
            "assignments-0-id": colleague.assignments.get().pk,
            "assignments-0-user": colleague.pk,
            "assignments-0-organization": tree.branch_a1.pk,
            "assignments-0-role": "secretary",
            "assignments-1-user": colleague.pk,
            "assignments-1-organization": tree.city.pk,
            "assignments-1-role": "secretary",
        },
    )

    assert response.status_code == 403
    assert list(colleague.assignments.values_list("organization", "role")) == [
        (tree.branch_a1.pk, "viewer")
    ]


@pytest.mark.parametrize("organization", ["", "city"])
def test_a_staff_secretary_cannot_write_a_city_wide_message_template(
    client, tree, secretary_a, organization
):
    client = _staff(client, secretary_a)
    chosen = getattr(tree, organization).pk if organization else ""

    response = client.post(
        "/admin/members/messagetemplate/add/",
        {"kind": "discipline_reminder", "organization": chosen, "text": "{name}同志：全市通知"},
    )

    assert response.status_code == 200
    assert "organization" in response.context["adminform"].form.errors
    assert not MessageTemplate.objects.exists()


def test_the_system_administrator_writes_the_city_wide_template(client, sysadmin):
    client.force_login(sysadmin)

    response = client.post(
        "/admin/members/messagetemplate/add/",
        {"kind": "discipline_reminder", "organization": "", "text": "{name}同志：全市通知"},
    )

    assert response.status_code == 302
    assert MessageTemplate.objects.get().organization is None


def test_the_viewers_staff_copy_cannot_rename_a_shared_external_organisation(client, viewer_b):
    external = make_external_organization(name="中共成都市武侯区某街道工委")
    client = _staff(client, viewer_b)

    response = client.post(
        f"/admin/members/externalorganization/{external.pk}/change/",
        {"name": "改过的名字", "region_code": "510107"},
    )

    assert response.status_code == 403
    assert ExternalOrganization.objects.get().name == "中共成都市武侯区某街道工委"


@pytest.mark.parametrize("persona", ["secretary_a", "secadmin"])
def test_only_the_system_administrator_renames_a_shared_external_organisation(
    request, client, sysadmin, persona
):
    external = make_external_organization(name="中共成都市武侯区某街道工委")
    actor = request.getfixturevalue(persona)
    if persona == "secretary_a":
        make_staff(actor)
    url = f"/admin/members/externalorganization/{external.pk}/change/"
    data = {"name": "中共成都市武侯区簇锦街道工委", "region_code": "510107"}

    client.force_login(actor)
    refused = client.post(url, data)
    client.force_login(sysadmin)
    renamed = client.post(url, data)

    assert refused.status_code == 403
    assert renamed.status_code == 302
    assert ExternalOrganization.objects.get().name == "中共成都市武侯区簇锦街道工委"
