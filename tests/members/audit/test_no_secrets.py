"""No ID number and no password in the audit log or in what the app logs, after the events
most likely to carry them: an ID reveal, a download of personal data, failed logins."""

import logging

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from members.audit.models import AuditEvent
from members.files import crypto
from tests.education.packages.conftest import dispatch, members_a, package  # noqa: F401

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-Horse-Battery-9"


def test_no_id_number_or_password_in_any_audit_row_or_log(
    client,
    caplog,
    secretary_a,
    member_a1,
    dispatch,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    id_number = crypto.decrypt(member_a1.id_number_encrypted)
    client.force_login(secretary_a)
    with django_capture_on_commit_callbacks(execute=True):
        revealed = client.post(
            reverse("members:member_reveal_id", args=[member_a1.pk]),
            {"reason": f"核对 {id_number}"},  # typed into the reason, too
        )
        client.get(reverse("education:packages:shipment_export", args=[dispatch.pk, "csv"]))
        client.get(reverse("members:member_list"), {"q": id_number})
        client.logout()
        client.post(reverse("login"), {"username": "mahuiyan", "password": PASSWORD})
        client.post(reverse("login"), {"username": id_number, "password": PASSWORD})

    rows = " ".join(str(model_to_dict(event)) for event in AuditEvent.objects.all())
    assert id_number in revealed.content.decode()  # the reveal itself worked
    assert AuditEvent.objects.filter(kind="login_failed").count() == 2
    assert (id_number in rows, PASSWORD in rows) == (False, False)
    assert (id_number in caplog.text, PASSWORD in caplog.text) == (False, False)
