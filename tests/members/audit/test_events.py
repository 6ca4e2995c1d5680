"""One audit row for each kind of event, each produced through the path a user takes."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.audit.actions import Kind
from members.mobility import actions as letters
from members.organizations.models import Assignment
from services.cases.attachments import case_attach
from tests.education.packages.conftest import dispatch, members_a, package  # noqa: F401
from tests.factories import make_record
from tests.members.audit.conftest import events, events_about
from tests.services.cases.page_helpers import case_b_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
PASSWORD = "Sanlian-2026"


def summary(event, *fields):
    return tuple(getattr(event, field) for field in fields)


# --- Signing in and out ---------------------------------------------------------------------


def test_a_login(client, secretary_a):
    client.post(reverse("login"), {"username": "mahuiyan", "password": PASSWORD})
    [event] = events(Kind.LOGIN)
    assert summary(event, "actor_id", "actor_username", "client_address", "outcome") == (
        secretary_a.pk,
        "mahuiyan",
        "127.0.0.1",
        "ok",
    )


def test_a_failed_login_keeps_the_name_tried(client, secretary_a):
    client.post(reverse("login"), {"username": "mahuiyan", "password": "wrong-password"})
    [event] = events(Kind.LOGIN_FAILED)
    assert summary(event, "actor_id", "actor_username", "client_address", "outcome") == (
        None,
        "mahuiyan",
        "127.0.0.1",
        "failed",
    )


def test_a_logout(client, secretary_a):
    client.force_login(secretary_a)
    client.post(reverse("logout"))
    [event] = events(Kind.LOGOUT)
    assert summary(event, "actor_username", "client_address") == ("mahuiyan", "127.0.0.1")


def test_the_client_address_behind_the_trusted_proxy(client, settings, secretary_a):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"username": "mahuiyan", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="6.6.6.6, 10.20.30.40",
    )
    assert events(Kind.LOGIN)[0].client_address == "10.20.30.40"


# --- Refusals -------------------------------------------------------------------------------


def test_a_page_refused(client, viewer_b):
    client.force_login(viewer_b)
    assert client.get(reverse("members:member_create")).status_code == 403
    [event] = events(Kind.DENIED)
    assert summary(event, "actor_username", "outcome", "detail") == (
        "czq_viewer",
        "denied",
        {"method": "GET", "path": reverse("members:member_create")},
    )


def test_an_api_request_refused(client, viewer_b):
    client.force_login(viewer_b)
    assert client.post("/api/v1/members/", {}).status_code == 403
    [event] = events(Kind.DENIED)
    assert summary(event, "actor_username", "detail") == (
        "czq_viewer",
        {"method": "POST", "path": "/api/v1/members/"},
    )


def test_a_not_found_is_no_refusal(client, outsider, member_a1):
    client.force_login(outsider)
    assert client.get(member_a1.get_absolute_url()).status_code == 404
    assert events(Kind.DENIED) == []


# --- ID reveals and downloads ---------------------------------------------------------------


def test_an_id_reveal_on_the_page(client, secretary_a, member_a1):
    client.force_login(secretary_a)
    client.post(reverse("members:member_reveal_id", args=[member_a1.pk]), {"reason": "开介绍信"})
    [event] = events(Kind.ID_REVEAL)
    assert summary(event, "actor_username", "object_id", "object_label", "client_address") == (
        "mahuiyan",
        str(member_a1.pk),
        "张善强",
        "127.0.0.1",
    )


def test_an_id_reveal_through_the_api(client, secretary_a, member_a1):
    client.force_login(secretary_a)
    client.post(f"/api/v1/members/{member_a1.pk}/reveal-id/", {"reason": "开介绍信"})
    assert [e.object_id for e in events(Kind.ID_REVEAL)] == [str(member_a1.pk)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_postal_list_download(client, secretary_a, dispatch, fmt):  # noqa: F811
    client.force_login(secretary_a)
    client.get(reverse("education:packages:shipment_export", args=[dispatch.pk, fmt]))
    [event] = events(Kind.EXPORT)
    assert summary(event, "actor_username", "object_id", "detail") == (
        "mahuiyan",
        str(dispatch.pk),
        {"file": f"shipments-{dispatch.pk}.{fmt}"},
    )


def test_the_tracking_template_download(client, secretary_a, dispatch):  # noqa: F811
    client.force_login(secretary_a)
    client.get(reverse("education:packages:tracking_template", args=[dispatch.pk]))
    assert [e.detail for e in events(Kind.EXPORT)] == [{"file": f"tracking-{dispatch.pk}.xlsx"}]


def test_a_refused_download_is_no_export(client, secretary_b, dispatch):  # noqa: F811
    client.force_login(secretary_b)
    client.get(reverse("education:packages:shipment_export", args=[dispatch.pk, "csv"]))
    assert events(Kind.EXPORT) == []


def test_the_letter_pdf_read_and_printed(client, tree, member_a1, secretary_a):
    letter = letters.letter_issue(
        actor=secretary_a,
        record=make_record(member_a1, inflow_organization=tree.town_b),
        suggestions_for_inflow="请督促按时参加组织生活",
        suggestions_for_employer="请支持党员亮身份",
    )
    client.force_login(secretary_a)
    client.get(reverse("records:letter_pdf", args=[letter.pk]))
    client.post(reverse("records:letter_print", args=[letter.pk]))
    assert [e.object_label for e in events(Kind.EXPORT)] == [letter.number, letter.number]


def test_a_case_attachment_download(client, settings, tmp_path, case_b, secretary_b):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("工资条.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    attachment = case_attach(actor=secretary_b, case=case_b, upload=upload)
    client.force_login(secretary_b)
    client.get(reverse("services:cases:attachment_download", args=[case_b.pk, attachment.pk]))
    [event] = events(Kind.EXPORT)
    assert summary(event, "actor_username", "object_label") == ("liudehua", "工资条.pdf")


# --- Roles and assignments ------------------------------------------------------------------


def test_an_assignment_given_changed_and_taken_away(tree, outsider, secretary_a):
    assignment = Assignment.objects.create(user=outsider, organization=tree.town_a, role="viewer")
    assignment.role = "secretary"
    assignment.save()
    assignment.delete()
    mine = [e for e in events(Kind.ROLE_CHANGE) if e.detail.get("user_id") == outsider.pk]
    assert [(e.detail["change"], e.detail["role"]) for e in mine] == [
        ("added", "viewer"),
        ("changed", "secretary"),
        ("removed", "secretary"),
    ]


def test_an_assignment_in_the_admin_names_who_gave_it(client, superuser, tree, outsider):
    client.force_login(superuser)
    client.post(
        reverse("admin:members_assignment_add"),
        {"user": outsider.pk, "organization": tree.town_a.pk, "role": "viewer"},
    )
    assignment = Assignment.objects.get(user=outsider)
    [event] = events_about(assignment, Kind.ROLE_CHANGE)
    assert summary(event, "actor_username", "client_address") == ("root", "127.0.0.1")


def test_rights_of_an_account_changed(outsider):
    outsider.is_staff = True
    outsider.save()
    outsider.first_name = "名"  # not a right: no event
    outsider.save()
    mine = events_about(outsider, Kind.ROLE_CHANGE)
    changed = {"change": "changed", "fields": {"is_staff": [False, True]}}
    assert [e.detail for e in mine] == [changed]


def test_a_sign_in_is_no_change_of_rights(client, secretary_a):
    client.post(reverse("login"), {"username": "mahuiyan", "password": PASSWORD})
    assert events_about(secretary_a, Kind.ROLE_CHANGE) == []


# --- Workflow transitions -------------------------------------------------------------------


def test_a_mobile_record_taken_in_on_the_page(
    client, tree, member_a1, secretary_b, django_capture_on_commit_callbacks
):
    record = make_record(member_a1, inflow_organization=tree.town_b)
    client.force_login(secretary_b)
    data = {
        "taken_in_by": tree.branch_b1.pk,
        "inflow_date": "2026-03-05",
        "reported_on": "2026-03-05",
        "inflow_contact_person": "刘德花",
        "checked_by_phone": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("records:step", args=[record.pk, "take_in"]), data)
    [event] = events(Kind.TRANSITION)
    assert summary(event, "actor_username", "object_id", "detail") == (
        "liudehua",
        str(record.pk),
        {"step": "take_in", "from": "waiting", "to": "taken_in"},
    )


def test_a_new_object_is_recorded_with_its_id(
    client, tree, member_a1, secretary_a, django_capture_on_commit_callbacks
):
    client.force_login(secretary_a)
    with django_capture_on_commit_callbacks(execute=True):
        make_record(member_a1, actor=secretary_a, inflow_organization=tree.town_b)
    steps = [(e.detail["step"], e.object_id != "") for e in events(Kind.TRANSITION)]
    assert steps == [("draft", True), ("submit", True)]


def test_a_service_case_step_on_the_page(
    client, case_b, secretary_b, django_capture_on_commit_callbacks
):
    client.force_login(secretary_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("services:cases:case_step", args=[case_b.pk, "accept"]))
    [event] = events(Kind.TRANSITION)
    assert summary(event, "actor_username", "content_type", "object_id", "detail") == (
        "liudehua",
        ContentType.objects.get_for_model(case_b),
        str(case_b.pk),
        {"step": "accept", "from": "submitted", "to": "accepted"},
    )


def test_a_step_rolled_back_is_not_recorded(
    client, case_b, viewer_b, django_capture_on_commit_callbacks
):
    client.force_login(viewer_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("services:cases:case_step", args=[case_b.pk, "accept"]))
    assert events(Kind.TRANSITION) == []


def test_a_new_account_with_rights_is_recorded_and_a_plain_one_not(db):
    from tests.factories import UserFactory

    staff = UserFactory(username="xinguanli", is_staff=True)
    plain = UserFactory(username="putong")
    assert (
        [e.detail for e in events_about(staff, Kind.ROLE_CHANGE)],
        events_about(plain, Kind.ROLE_CHANGE),
    ) == ([{"change": "added", "fields": {"is_staff": [None, True]}}], [])


def test_a_lockout(client, secretary_a):
    """With django-axes installed (the authentication settings): 5 failures lock."""
    if not apps.is_installed("axes"):
        pytest.skip("django-axes is not installed")
    for _ in range(5):
        client.post(reverse("login"), {"username": "mahuiyan", "password": "wrong-password"})
    locked = events(Kind.LOCKOUT)
    assert {(e.actor_username, e.outcome, e.client_address) for e in locked} == {
        ("mahuiyan", "denied", "127.0.0.1")
    }
