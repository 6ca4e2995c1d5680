"""The one recording function and the model's append-only rule (in Python, on any database)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from members.audit.actions import Kind, Outcome, audit_record, redacted
from members.audit.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db
ID_NUMBER = "630102198001011234"


def test_recording_is_one_insert(secretary_a, member_a1, django_assert_num_queries):
    ContentType.objects.get_for_model(member_a1)  # the content type is cached once a process
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = secretary_a
    with django_assert_num_queries(1):
        audit_record(kind=Kind.ID_REVEAL, request=request, obj=member_a1)


def test_an_event_keeps_who_where_what_and_how(secretary_a, member_a1):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = secretary_a
    event = audit_record(kind=Kind.ID_REVEAL, request=request, obj=member_a1, detail={"a": 1})
    event = AuditEvent.objects.get(pk=event.pk)
    assert (
        event.actor_id,
        event.actor_username,
        event.client_address,
        event.content_type.model_class().__name__,
        event.object_id,
        event.object_label,
        event.outcome,
        event.detail,
    ) == (
        secretary_a.pk,
        "mahuiyan",
        "10.1.2.3",
        "Member",
        str(member_a1.pk),
        "张善强",
        "ok",
        {"a": 1},
    )


def test_the_actor_is_plain_values_so_deleting_the_user_changes_nothing(outsider):
    event = audit_record(kind=Kind.LOGOUT, actor=outsider)
    outsider.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor_id is not None, event.actor_username) == (True, "outsider")


def test_nothing_like_an_id_number_is_stored():
    full_width = "６３０１０２１９８００１０１１２３Ｘ"
    event = audit_record(
        kind=Kind.LOGIN_FAILED,
        username=ID_NUMBER,
        outcome=Outcome.FAILED,
        detail={"q": [f"查 {ID_NUMBER}", full_width, "13812345678"]},
    )
    assert (event.actor_username, event.detail) == ("[…]", {"q": ["查 […]", "[…]", "13812345678"]})


def test_redaction_keeps_phone_numbers_and_masked_numbers():
    assert redacted("630102********1234 13812345678") == "630102********1234 13812345678"


def test_an_event_cannot_be_saved_again():
    event = audit_record(kind=Kind.LOGOUT)
    event.outcome = Outcome.FAILED
    with pytest.raises(AppendOnlyError):
        event.save()


def test_an_event_cannot_be_deleted():
    event = audit_record(kind=Kind.LOGOUT)
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_events_cannot_be_updated_in_bulk():
    audit_record(kind=Kind.LOGOUT)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(outcome=Outcome.FAILED)


def test_events_cannot_be_deleted_in_bulk():
    audit_record(kind=Kind.LOGOUT)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
