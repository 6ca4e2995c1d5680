"""The audit log in the admin: the audit administrator reads it; nobody changes it; nobody
else — not a superuser, not the system administrator, not a secretary — sees it."""

import pytest
from django.urls import reverse

from members.audit.actions import Kind, audit_record
from members.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:members_auditevent_changelist")


@pytest.fixture
def event(secretary_a):
    return audit_record(kind=Kind.LOGIN, actor=secretary_a)


def change_url(event) -> str:
    return reverse("admin:members_auditevent_change", args=[event.pk])


def test_the_auditor_reads_the_log(client, auditor, event):
    client.force_login(auditor)
    page = client.get(CHANGELIST)
    assert list(page.context["cl"].result_list) == list(AuditEvent.objects.order_by("-at", "-id"))


def test_the_auditor_reads_one_event_without_a_save_button(client, auditor, event):
    client.force_login(auditor)
    page = client.get(change_url(event))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)


def test_the_auditor_filters_by_kind_and_actor(client, auditor, secretary_a, secretary_b):
    audit_record(kind=Kind.LOGIN, actor=secretary_a)
    audit_record(kind=Kind.LOGOUT, actor=secretary_a)
    audit_record(kind=Kind.LOGIN, actor=secretary_b)
    client.force_login(auditor)
    page = client.get(CHANGELIST, {"kind__exact": "login", "actor_id__exact": secretary_a.pk})
    rows = [(e.kind, e.actor_username) for e in page.context["cl"].result_list]
    assert rows == [("login", "mahuiyan")]


def test_the_auditor_searches_by_user_name(client, auditor, secretary_a, secretary_b):
    audit_record(kind=Kind.LOGIN, actor=secretary_a)
    audit_record(kind=Kind.LOGIN, actor=secretary_b)
    client.force_login(auditor)
    page = client.get(CHANGELIST, {"q": "liudehua"})
    assert [e.actor_username for e in page.context["cl"].result_list] == ["liudehua"]


def test_the_auditor_finds_the_log_on_the_admin_index(client, auditor):
    client.force_login(auditor)
    assert CHANGELIST in client.get(reverse("admin:index")).content.decode()


def test_nobody_adds_an_event(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("admin:members_auditevent_add")).status_code == 403


def test_nobody_changes_an_event(client, auditor, event):
    client.force_login(auditor)
    client.post(change_url(event), {"kind": "logout", "outcome": "failed"})
    assert AuditEvent.objects.get(pk=event.pk).kind == "login"


def test_nobody_deletes_an_event(client, auditor, event):
    client.force_login(auditor)
    url = reverse("admin:members_auditevent_delete", args=[event.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403


def test_the_list_offers_no_bulk_action(client, auditor, event):
    client.force_login(auditor)
    assert client.get(CHANGELIST).context["action_form"] is None


@pytest.mark.parametrize("persona", ["superuser", "system_admin"])
def test_other_administrators_are_refused(client, request, persona, event):
    client.force_login(request.getfixturevalue(persona))
    assert (client.get(CHANGELIST).status_code, client.get(change_url(event)).status_code) == (
        403,
        403,
    )


def test_a_superuser_does_not_see_it_on_the_index(client, superuser):
    client.force_login(superuser)
    assert CHANGELIST not in client.get(reverse("admin:index")).content.decode()


def test_a_secretary_is_sent_to_the_admin_login(client, secretary_a):
    client.force_login(secretary_a)
    assert client.get(CHANGELIST).url.startswith(reverse("admin:login"))


def test_an_anonymous_visitor_is_sent_to_the_admin_login(client):
    assert client.get(CHANGELIST).url.startswith(reverse("admin:login"))


def test_an_account_whose_audit_role_is_taken_away_is_refused(client, auditor):
    client.force_login(auditor)
    auditor.admin_role = ""
    auditor.save()
    assert client.get(CHANGELIST).status_code == 403


def test_a_superusers_attempt_is_itself_audited(client, superuser):
    client.force_login(superuser)
    client.get(CHANGELIST)
    [event] = AuditEvent.objects.filter(kind=Kind.DENIED)
    assert (event.actor_username, event.detail["path"]) == ("root", CHANGELIST)
