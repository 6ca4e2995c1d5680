"""Delivering outbox rows: one row at a time, under a row lock, through its channel's backend."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from members.outbox.channels import DeliveryError, Undeliverable, backend_for
from members.outbox.models import Notification

Status = Notification.Status


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retry_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "skipped": self.skipped, "failed": self.failed}


def notifications_deliver(*, ids: Sequence[int]) -> DeliveryReport:
    """Deliver each pending notification; report those to try again later."""
    report = DeliveryReport()
    for pk in ids:
        outcome = notification_deliver(notification_id=pk)
        if outcome == "retry":
            report.retry_ids.append(pk)
        elif outcome in ("sent", "skipped", "failed"):
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report


@transaction.atomic
def notification_deliver(*, notification_id: int) -> str:
    """Send one notification if still pending; return sent/skipped/failed/retry, or "done".

    The row stays locked while the backend is called, so a second task given the same id
    skips it (``skip_locked``) or finds it no longer pending.
    """
    notification = (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient_member", "recipient_user")
        .filter(pk=notification_id, status=Status.PENDING)
        .first()
    )
    if notification is None:
        return "done"
    notification.attempts += 1
    try:
        backend_for(notification.channel).send(notification)
    except Undeliverable as exc:
        return _finish(notification, Status.SKIPPED, str(exc))
    except DeliveryError as exc:
        exhausted = notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        if exc.permanent or exhausted:
            return _finish(notification, Status.FAILED, str(exc))
        _finish(notification, Status.PENDING, str(exc))
        return "retry"
    notification.sent_at = timezone.now()
    return _finish(notification, Status.SENT, "")


@transaction.atomic
def notifications_deliver_together(*, ids: Sequence[int]) -> DeliveryReport:
    """Deliver a batch's pending rows under one lock and one commit (mass sends only).

    ``notifications_deliver`` commits each row on its own (≈100 messages/s per worker); a
    lesson to a city's 100,000 members cannot wait for that. Here the batch's rows are locked
    together (``skip_locked``: rows another task holds are its own) and their outcomes written
    in one ``UPDATE``: no two workers ever send a row, but a worker dying mid-batch leaves the
    batch pending for the sweep, so at most one batch may be sent twice.
    """
    rows = list(
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient_member", "recipient_user")
        .filter(pk__in=ids, status=Status.PENDING)
        .order_by("pk")
    )
    report, outcomes = DeliveryReport(), defaultdict(list)
    for notification in rows:
        outcome = _attempt(notification)
        outcomes[(notification.status, notification.last_error)].append(notification.pk)
        if outcome == "retry":
            report.retry_ids.append(notification.pk)
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
    now = timezone.now()
    # One UPDATE per outcome (mostly one: all sent), not a CASE per row.
    for (status, error), pks in outcomes.items():
        Notification.objects.filter(pk__in=pks).update(
            status=status,
            last_error=error,
            attempts=F("attempts") + 1,
            sent_at=now if status == Status.SENT else None,
            updated_at=now,
        )
    return report


def _attempt(notification: Notification) -> str:
    """Call the backend once; set the row's status and error (not saved); return the outcome."""
    notification.attempts += 1
    try:
        backend_for(notification.channel).send(notification)
    except Undeliverable as exc:
        return _set(notification, Status.SKIPPED, str(exc))
    except DeliveryError as exc:
        exhausted = notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        if exc.permanent or exhausted:
            return _set(notification, Status.FAILED, str(exc))
        _set(notification, Status.PENDING, str(exc))
        return "retry"
    return _set(notification, Status.SENT, "")


def _set(notification: Notification, status: str, error: str) -> str:
    notification.status, notification.last_error = status, error[:2000]
    return status


def _finish(notification: Notification, status: str, error: str) -> str:
    notification.status = status
    notification.last_error = error[:2000]
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at", "updated_at"])
    return status
