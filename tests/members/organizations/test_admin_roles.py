"""三员分立: the system, security and audit administrators each do their own part, nothing
else, and nobody raises their own rights."""

import pytest
from django.contrib.auth.models import Permission

from members.organizations import roles
from members.organizations.models import AdminRole, Assignment, User
from tests.factories import assign, make_staff

pytestmark = pytest.mark.django_db


def _account_form(user: User, **changes) -> dict:
    form = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_active": "on",
        "assignments-TOTAL_FORMS": "0",
        "assignments-INITIAL_FORMS": "0",
    }
    return {**form, **changes}


def test_the_system_administrator_creates_an_account(client, sysadmin):
    client.force_login(sysadmin)

    response = client.post(
        "/admin/members/user/add/",
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "Newcomer-2026-Long",
            "password2": "Newcomer-2026-Long",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="newcomer").assignments.count() == 0


def test_the_system_administrator_changes_name_and_email_but_no_rights(
    client, secretary_a, sysadmin
):
    client.force_login(sysadmin)

    response = client.post(
        f"/admin/members/user/{secretary_a.pk}/change/",
        _account_form(
            secretary_a,
            full_name="马慧艳（新）",
            email="ma@example.cn",
            is_staff="on",
            admin_role="security",
        ),
    )

    assert response.status_code == 302
    secretary_a.refresh_from_db()
    assert (secretary_a.full_name, secretary_a.email) == ("马慧艳（新）", "ma@example.cn")
    assert (secretary_a.is_staff, secretary_a.admin_role) == (False, "")


def test_the_system_administrator_resets_a_secretarys_password(client, secretary_a, sysadmin):
    client.force_login(sysadmin)

    response = client.post(
        f"/admin/members/user/{secretary_a.pk}/password/",
        {"password1": "Reset-By-Admin-2026", "password2": "Reset-By-Admin-2026"},
    )

    assert response.status_code == 302
    secretary_a.refresh_from_db()
    assert secretary_a.check_password("Reset-By-Admin-2026")


@pytest.mark.parametrize("other", ["auditor", "secadmin"])
def test_the_system_administrator_cannot_reset_another_administrators_password(
    request, client, sysadmin, other
):
    account = request.getfixturevalue(other)
    client.force_login(sysadmin)

    response = client.post(
        f"/admin/members/user/{account.pk}/password/",
        {"password1": "Taken-Over-2026", "password2": "Taken-Over-2026"},
    )

    assert response.status_code == 403
    account.refresh_from_db()
    assert account.check_password("Sanlian-2026")


def test_a_system_administrator_cannot_grant_roles(client, tree, secretary_a, sysadmin):
    client.force_login(sysadmin)

    response = client.post(
        "/admin/members/assignment/add/",
        {"user": secretary_a.pk, "organization": tree.city.pk, "role": "secretary"},
    )

    assert response.status_code == 403
    assert list(secretary_a.assignments.values_list("organization", flat=True)) == [tree.town_a.pk]


def test_a_security_administrator_cannot_create_accounts(client, secadmin):
    client.force_login(secadmin)

    response = client.post(
        "/admin/members/user/add/",
        {
            "username": "newcomer",
            "password1": "Newcomer-2026-Long",
            "password2": "Newcomer-2026-Long",
        },
    )

    assert response.status_code == 403
    assert not User.objects.filter(username="newcomer").exists()


def test_a_security_administrator_grants_a_role_anywhere(client, tree, secretary_b, secadmin):
    client.force_login(secadmin)

    response = client.post(
        "/admin/members/assignment/add/",
        {"user": secretary_b.pk, "organization": tree.branch_a1.pk, "role": "officer"},
    )

    assert response.status_code == 302
    assert Assignment.objects.filter(user=secretary_b, organization=tree.branch_a1).exists()


@pytest.mark.parametrize("grantee", ["secadmin", "sysadmin", "superuser"])
def test_no_role_on_an_organisation_for_oneself_or_an_administrator(
    request, client, tree, secadmin, grantee
):
    account = request.getfixturevalue(grantee)
    client.force_login(secadmin)

    response = client.post(
        "/admin/members/assignment/add/",
        {"user": account.pk, "organization": tree.city.pk, "role": "secretary"},
    )

    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not Assignment.objects.filter(user=account).exists()


def test_a_security_administrator_makes_a_person_an_administrator(client, secadmin):
    newcomer = User.objects.create_user("newcomer", full_name="新来的")
    client.force_login(secadmin)

    response = client.post(
        f"/admin/members/user/{newcomer.pk}/change/",
        _account_form(newcomer, admin_role="audit", full_name="改名"),
    )

    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert (newcomer.admin_role, newcomer.is_staff) == ("audit", True)
    assert newcomer.full_name == "新来的"  # the account itself is the system administrator's


def test_an_administrator_role_goes_to_nobody_working_on_an_organisation(
    client, secretary_a, secadmin
):
    client.force_login(secadmin)
    assignment = secretary_a.assignments.get()

    response = client.post(
        f"/admin/members/user/{secretary_a.pk}/change/",
        _account_form(
            secretary_a,
            admin_role="system",
            **{
                "assignments-TOTAL_FORMS": "1",
                "assignments-INITIAL_FORMS": "1",
                "assignments-0-id": assignment.pk,
                "assignments-0-user": secretary_a.pk,
                "assignments-0-organization": assignment.organization_id,
                "assignments-0-role": "secretary",
            },
        ),
    )

    assert response.status_code == 200
    assert "admin_role" in response.context["adminform"].form.errors
    secretary_a.refresh_from_db()
    assert secretary_a.admin_role == ""


@pytest.mark.parametrize("persona", ["sysadmin", "secadmin"])
def test_no_administrator_changes_their_own_rights(request, client, persona):
    actor = request.getfixturevalue(persona)
    client.force_login(actor)
    before = (actor.admin_role, actor.is_staff, actor.is_superuser)

    client.post(
        f"/admin/members/user/{actor.pk}/change/",
        _account_form(actor, admin_role="audit", is_superuser="on", is_staff=""),
    )

    actor.refresh_from_db()
    assert (actor.admin_role, actor.is_staff, actor.is_superuser) == before
    assert not actor.user_permissions.exists()


def test_is_superuser_is_on_no_form_not_even_the_superusers(client, superuser, secretary_a):
    client.force_login(superuser)

    page = client.get(f"/admin/members/user/{secretary_a.pk}/change/")

    assert "is_superuser" not in page.context["adminform"].form.fields
    assert "admin_role" in page.context["adminform"].form.fields


def test_the_auditor_sees_nothing_else_in_the_admin(client, auditor):
    client.force_login(auditor)

    index = client.get("/admin/")

    assert index.status_code == 200
    apps = {model["object_name"] for app in index.context["app_list"] for model in app["models"]}
    assert apps <= {"LogEntry", "AuditEvent"}
    for url in ("/admin/members/user/", "/admin/members/member/", "/admin/members/assignment/"):
        assert client.get(url).status_code == 403


def test_an_administrators_stored_permissions_add_nothing(client, sysadmin):
    sysadmin.user_permissions.set(Permission.objects.filter(content_type__app_label="members"))
    client.force_login(User.objects.get(pk=sysadmin.pk))

    assert client.get("/admin/members/member/").status_code == 403
    assert client.get("/admin/members/assignment/add/").status_code == 403
    assert client.get("/admin/members/user/").status_code == 200


def test_one_question_one_answer_per_role(superuser, sysadmin, secadmin, auditor, secretary_a):
    answers = {
        user.username: (
            roles.may_manage_users(user),
            roles.may_grant_roles(user),
            roles.may_read_audit_log(user),
        )
        for user in (superuser, sysadmin, secadmin, auditor, secretary_a)
    }

    assert answers == {
        "root": (True, True, False),
        "sysadmin": (True, False, False),
        "secadmin": (False, True, False),
        "auditor": (False, False, True),
        "mahuiyan": (False, False, False),
    }
    assert roles.holds_admin_role(auditor, AdminRole.AUDIT)


def test_a_deactivated_administrator_holds_no_role(sysadmin):
    sysadmin.is_active = False

    assert not roles.may_manage_users(sysadmin)
    assert not sysadmin.has_perm("members.view_user")


def test_the_security_administrator_sees_every_account_and_assignment(
    client, tree, secretary_a, secretary_b, secadmin
):
    client.force_login(secadmin)

    users = client.get("/admin/members/user/").context["cl"].result_list
    assignments = client.get("/admin/members/assignment/").context["cl"].result_list

    assert {secretary_a, secretary_b} <= set(users)
    assert {a.user for a in assignments} == {secretary_a, secretary_b}


def test_staff_secretaries_read_their_peoples_accounts_and_change_none(client, tree, secretary_a):
    colleague = User.objects.create_user("colleague", full_name="同事")
    assign(colleague, tree.branch_a1, "officer")
    client.force_login(make_staff(secretary_a))

    page = client.get(f"/admin/members/user/{colleague.pk}/change/")
    response = client.post(
        f"/admin/members/user/{colleague.pk}/change/", _account_form(colleague, full_name="改")
    )

    assert page.status_code == 200
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.full_name == "同事"
