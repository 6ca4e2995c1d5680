"""The one write of the audit log: ``audit_record``, called where things happen.

Recording is a single INSERT. Nothing that looks like an ID number is ever stored: labels,
user names and details pass through ``redacted`` first, and no caller passes a password.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from members.audit.models import AuditEvent
from members.validators import redact_id_numbers
from members.web import client_ip

Kind = AuditEvent.Kind
Outcome = AuditEvent.Outcome

REDACTED = "[…]"
LABEL_LENGTH = 200


def audit_record(
    *,
    kind: str,
    request: Any = None,
    actor: Any = None,
    username: str = "",
    obj: models.Model | None = None,
    outcome: str = Outcome.OK,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit log.

    ``request`` defaults to the request being served (none in a Celery task); it gives the
    client address and, unless ``actor`` is given, the user. ``username`` names an account that
    did not sign in (a failed login's attempted name).
    """
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    event = AuditEvent(
        kind=kind,
        outcome=outcome,
        actor_username=redacted(username)[:150],
        client_address=client_ip(request)[:64] if request is not None else "",
        detail=redacted(detail or {}),
    )
    if actor is not None and actor.is_authenticated:
        event.actor_id, event.actor_username = actor.pk, redacted(actor.get_username())
    if obj is not None:
        _set_object(event, obj)
    event.save()
    return event


def current_request() -> Any:
    """The request being served, as django-simple-history's middleware holds it for the
    history rows' user; ``None`` outside a request."""
    return getattr(HistoricalRecords.context, "request", None)


def redacted(value: Any) -> Any:
    """``value`` (a text, or a detail's lists and dicts) with anything like an ID number
    replaced."""
    if isinstance(value, str):
        return redact_id_numbers(value, REDACTED)
    if isinstance(value, dict):
        return {str(key): redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redacted(item) for item in value]
    return value


def _set_object(event: AuditEvent, obj: models.Model) -> None:
    event.content_type = ContentType.objects.get_for_model(obj)
    event.object_id = "" if obj.pk is None else str(obj.pk)
    event.object_label = redacted(str(obj))[:LABEL_LENGTH]
