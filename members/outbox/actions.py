"""The one outbox: write messages with the change that causes them, send them after commit.

Every workflow that tells someone something calls ``outbox_add`` inside its transaction. The
unique key (kind, recipient, occasion) makes a second write of the same message a no-op, and
delivery locks the row and sends only while it is pending, so a duplicated or retried task
never sends twice.
"""

import logging
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.organizations.models import User
from members.outbox import kinds
from members.outbox.models import Channel, Notification
from members.outbox.tasks import dispatch_on_commit

Status = Notification.Status
logger = logging.getLogger(__name__)


def outbox_add(
    *, kind: str, occasion: str, messages: Sequence[Notification], mass: bool = False
) -> list[int]:
    """Write messages not yet in the outbox and send the pending ones after commit.

    All messages share ``kind`` (a registered kind) and ``occasion``. Returns the ids
    dispatched. ``mass``: a send to thousands (a city-wide lesson), delivered a batch per
    commit rather than a row per commit (see ``notifications_deliver_together``).
    """
    kinds.get(kind)
    Notification.objects.bulk_create(messages, ignore_conflicts=True)
    member_ids = [m.recipient_member_id for m in messages if m.recipient_member_id]
    user_ids = [m.recipient_user_id for m in messages if m.recipient_user_id]
    pending = Notification.objects.filter(kind=kind, occasion=occasion, status=Status.PENDING)
    ids = []
    if member_ids:
        ids += pending.filter(recipient_member_id__in=member_ids).values_list("pk", flat=True)
    if user_ids:
        ids += pending.filter(recipient_user_id__in=user_ids).values_list("pk", flat=True)
    dispatch_on_commit(ids, together=mass)
    return ids


def member_message(
    *,
    kind: str,
    member: dict,
    occasion: str,
    text: str,
    organization: dict,
    sender: User | None = None,
) -> Notification:
    """An SMS to a member; one without a phone is recorded as not sent, with the reason."""
    message = Notification(
        kind=kind,
        channel=Channel.SMS,
        recipient_member_id=member["pk"],
        occasion=occasion,
        organization_id=organization["pk"],
        sender=sender,
        text=text,
    )
    if not member["phone"]:
        message.status = Status.SKIPPED
        message.last_error = _("No mobile phone number on file.")
    return message


def inbox_message(*, kind: str, user: User, occasion: str, text: str, **fields) -> Notification:
    """An in-app message to a user (secretaries, officers)."""
    return Notification(
        kind=kind,
        channel=Channel.INBOX,
        recipient_user=user,
        occasion=occasion,
        text=text,
        **fields,
    )


@transaction.atomic
def notifications_retry(*, actor: User, queryset: QuerySet[Notification]) -> int:
    """Put failed (or not sent) notifications back to pending and send them again."""
    ids = list(
        Notification.objects.visible_to(actor, for_write=True)
        .filter(pk__in=queryset.values("pk"), status__in=[Status.FAILED, Status.SKIPPED])
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=ids).update(
        status=Status.PENDING, attempts=0, last_error="", updated_at=timezone.now()
    )
    dispatch_on_commit(ids)
    return len(ids)


@transaction.atomic
def notification_resend(*, actor: User, notification: Notification) -> None:
    """Send one failed (or not sent) message to a member again, as a secretary asks.

    Only a secretary who may write for the member does so (``PermissionDenied`` otherwise);
    a message that was sent or is on its way is refused with a ``ValidationError``.
    """
    writable = Notification.objects.visible_to(actor, for_write=True)
    if not writable.filter(pk=notification.pk).exists():
        raise PermissionDenied(_("Only a secretary of the member's organisation may resend."))
    if notifications_retry(actor=actor, queryset=writable.filter(pk=notification.pk)) == 0:
        raise ValidationError(_("Only a failed or unsent message can be sent again."))
    logger.info(
        "notification %s resent by user %s (was %s: %s)",
        notification.pk,
        actor.pk,
        notification.status,
        notification.last_error,
    )


def inbox_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one message (or, without an id, every message) of the user's inbox read."""
    unread = Notification.objects.inbox_of(user).filter(read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
