"""The one outbox: write messages with the change that causes them, send them after commit.

Every workflow that tells someone something calls ``outbox_add`` inside its transaction. The
unique key (kind, recipient, occasion) makes a second write of the same message a no-op, and
``notification_deliver`` locks the row and sends only while it is pending, so a duplicated or
retried task never sends twice.
"""

import datetime
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import (
    Channel,
    Member,
    MessageTemplate,
    Notification,
    NotificationKind,
    Organization,
    User,
)
from members.models.organizations import subtree_q
from members.selectors import members_taken_in_by

Status = Notification.Status
PLACEHOLDERS = {"name", "years", "organization", "secretary", "signature", "count", "date"}
CURRENT_STATUSES = (Member.Status.ACTIVE, Member.Status.MOBILE)
MAX_TEXT_LENGTH = 500
# Texts used until an administrator saves a MessageTemplate for the kind (Chinese, like the seed).
DEFAULT_TEXTS = {
    NotificationKind.POLITICAL_BIRTHDAY: (
        "{name}同志：今天是你入党第{years}个年头，也是你的政治生日。感谢你远行不忘责、流动而有为，"
        "在外亮身份、作表率。组织始终牵挂着你！——{signature}"
    ),
    NotificationKind.BIRTHDAY_DIGEST: "今天（{date}）有{count}名党员过政治生日，名单见首页。",
    NotificationKind.DISCIPLINE_REMINDER: (
        "{name}同志：请严守党的纪律，按时参加组织生活。——{signature}"
    ),
    NotificationKind.NOTICE: "{name}同志：{organization}通知。",
}
# What the template preview fills in: the seed's greeting to 王秀玲.
PREVIEW_VALUES = {
    "name": "王秀玲", "years": 12, "organization": "城关镇某村党支部", "secretary": "王生贵",
    "signature": "城关镇某村党支部 王生贵", "count": 3, "date": "2026-07-01",
}  # fmt: skip


# --- Templates ---------------------------------------------------------------------------------


def message_text_check(text: str) -> None:
    """Raise ``ValidationError`` unless the text uses only known ``{placeholders}``."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        raise ValidationError({"text": _("Unbalanced braces in the text.")}) from None
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        raise ValidationError({"text": _("Unknown placeholder: {%(name)s}") % {"name": unknown[0]}})
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError({"text": _("At most %(n)d characters.") % {"n": MAX_TEXT_LENGTH}})


def render(text: str, **values) -> str:
    """Fill the placeholders; a placeholder without a value renders empty."""
    return string.Formatter().vformat(text, (), _Blank(values)).strip()


class _Blank(dict):
    def __missing__(self, key):
        return ""


def signature(organization: dict) -> str:
    """Who the message is from: the organisation and its secretary, as the seed's 王生贵."""
    return " ".join(filter(None, [organization["name"], organization["secretary_name"]]))


class TemplateBook:
    """Texts of one kind, resolved for an organisation: its own, its nearest ancestor's, the
    city default, else the built-in text. Loads the few template rows once."""

    def __init__(self, kind: str):
        rows = MessageTemplate.objects.filter(kind=kind).values_list("organization__path", "text")
        self.by_path = dict(rows)
        self.default = self.by_path.pop(None, None) or DEFAULT_TEXTS[kind]

    def text_for(self, path: str | None) -> str:
        steplen = Organization.steplen
        for end in range(len(path or ""), 0, -steplen):
            if (text := self.by_path.get(path[:end])) is not None:
                return text
        return self.default


class OrganizationCache:
    """Name, secretary and path of organisations, fetched once per batch of new ids."""

    def __init__(self):
        self.rows: dict[int, dict] = {}

    def load(self, ids: Iterable[int]) -> None:
        missing = set(ids) - self.rows.keys()
        if missing:
            fields = ("pk", "name", "secretary_name", "path")
            for row in Organization.objects.filter(pk__in=missing).values(*fields):
                self.rows[row["pk"]] = row

    def __getitem__(self, pk: int) -> dict:
        return self.rows[pk]


# --- Writing and dispatching -------------------------------------------------------------------


def outbox_add(*, kind: str, occasion: str, messages: Sequence[Notification]) -> list[int]:
    """Write messages not yet in the outbox and send the pending ones after commit.

    All messages share ``kind`` and ``occasion``. Returns the ids dispatched.
    """
    Notification.objects.bulk_create(messages, ignore_conflicts=True)
    member_ids = [m.recipient_member_id for m in messages if m.recipient_member_id]
    user_ids = [m.recipient_user_id for m in messages if m.recipient_user_id]
    pending = Notification.objects.filter(kind=kind, occasion=occasion, status=Status.PENDING)
    ids = []
    if member_ids:
        ids += pending.filter(recipient_member_id__in=member_ids).values_list("pk", flat=True)
    if user_ids:
        ids += pending.filter(recipient_user_id__in=user_ids).values_list("pk", flat=True)
    dispatch_on_commit(ids)
    return ids


def dispatch_on_commit(ids: Sequence[int]) -> None:
    """Enqueue sending in batches of ids once the surrounding transaction commits."""
    from members.tasks import notifications_send_task

    size = settings.NOTIFICATION_SEND_BATCH
    for start in range(0, len(ids), size):
        chunk = sorted(ids[start : start + size])
        transaction.on_commit(partial(notifications_send_task.delay, chunk))


def member_message(
    *, kind: str, member: dict, occasion: str, text: str, organization: dict,
    sender: User | None = None,
) -> Notification:  # fmt: skip
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


# --- Delivering --------------------------------------------------------------------------------


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
    from members.channels import DeliveryError, Undeliverable, backend_for

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


def _finish(notification: Notification, status: str, error: str) -> str:
    notification.status = status
    notification.last_error = error[:2000]
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at", "updated_at"])
    return status


@transaction.atomic
def notifications_retry(*, actor: User, queryset: QuerySet[Notification]) -> int:
    """Put failed (or not sent) notifications back to pending and send them again."""
    ids = list(
        Notification.objects.visible_to(actor)
        .filter(pk__in=queryset.values("pk"), status__in=[Status.FAILED, Status.SKIPPED])
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=ids).update(
        status=Status.PENDING, attempts=0, last_error="", updated_at=timezone.now()
    )
    dispatch_on_commit(ids)
    return len(ids)


def notifications_sweep(*, now: datetime.datetime | None = None, batch_size: int = 1000) -> int:
    """Dispatch again pending rows untouched for a long time (a lost task or a dead worker)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        seconds=2 * settings.NOTIFICATION_RETRY_BACKOFF_MAX
    )
    stale = Notification.objects.filter(status=Status.PENDING, updated_at__lt=cutoff)
    last, total = 0, 0
    while ids := list(
        stale.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
    ):
        dispatch_on_commit(ids)
        last, total = ids[-1], total + len(ids)
    return total


# --- Inbox -------------------------------------------------------------------------------------


def inbox_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one message (or, without an id, every message) of the user's inbox read."""
    unread = Notification.objects.inbox_of(user).filter(read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


# --- Secretaries' messages to members ----------------------------------------------------------

MANUAL_KINDS = (NotificationKind.DISCIPLINE_REMINDER, NotificationKind.NOTICE)
# Whom a secretary's message reaches: files held here, members taken in here, or both.
AUDIENCE_HOME, AUDIENCE_TAKEN_IN, AUDIENCE_ALL = "home", "taken_in", "all"
AUDIENCES = (AUDIENCE_HOME, AUDIENCE_TAKEN_IN, AUDIENCE_ALL)


def member_message_recipients(
    *, actor: User, organization: Organization, status: str = "", audience: str = AUDIENCE_HOME
) -> QuerySet[Member]:
    """Current members the actor may message for the organisation.

    ``home``: files in the organisation's subtree (within the actor's write scope);
    ``taken_in``: the inflow side's mobile members, taken in within the subtree (art. 32);
    ``all``: both.
    """
    writable = Organization.objects.visible_to(actor, for_write=True)
    if not writable.filter(pk=organization.pk).exists():
        raise PermissionDenied(_("You may not send messages for %(org)s.") % {"org": organization})
    if audience not in AUDIENCES:
        raise ValidationError({"audience": _("Choose whom the message is for.")})
    home = Member.objects.visible_to(actor, for_write=True).filter(
        organization__in=Organization.objects.filter(subtree_q([organization.path]))
    )
    taken_in = members_taken_in_by(organization=organization)
    members = {
        AUDIENCE_HOME: home,
        AUDIENCE_TAKEN_IN: taken_in,
        AUDIENCE_ALL: Member.objects.filter(Q(pk__in=home.values("pk")) | Q(pk__in=taken_in)),
    }[audience]
    return members.filter(status__in=[status] if status else CURRENT_STATUSES)


@transaction.atomic
def member_message_send(
    *, actor: User, organization: Organization, status: str, kind: str, text: str, token: str,
    audience: str = AUDIENCE_HOME, batch_size: int = 2000,
) -> int:  # fmt: skip
    """Queue one message per recipient; the form's token makes a double submit harmless."""
    if kind not in MANUAL_KINDS:
        raise ValidationError({"kind": _("Choose a kind of message.")})
    message_text_check(text)
    members = member_message_recipients(
        actor=actor, organization=organization, status=status, audience=audience
    )
    occasion = f"{kind}:{token}"[:64]
    organizations = OrganizationCache()
    fields = ("pk", "name", "phone", "organization_id")
    last, total = 0, 0
    while rows := list(members.filter(pk__gt=last).order_by("pk").values(*fields)[:batch_size]):
        organizations.load([organization.pk, *(row["organization_id"] for row in rows)])
        messages = [
            _manual_message(kind, row, occasion, text, _signing(organizations, row, organization),
                            actor)
            for row in rows
        ]  # fmt: skip
        outbox_add(kind=kind, occasion=occasion, messages=messages)
        last, total = rows[-1]["pk"], total + len(rows)
    return total


def _signing(organizations: OrganizationCache, member: dict, sending: Organization) -> dict:
    """A member's own branch signs; a member taken in here hears from the sending organisation."""
    own = organizations[member["organization_id"]]
    return own if own["path"].startswith(sending.path) else organizations[sending.pk]


def _manual_message(kind, member, occasion, text, organization, actor) -> Notification:
    body = render(
        text,
        name=member["name"],
        organization=organization["name"],
        secretary=organization["secretary_name"],
        signature=signature(organization),
    )
    return member_message(
        kind=kind, member=member, occasion=occasion, text=body, organization=organization,
        sender=actor,
    )  # fmt: skip
