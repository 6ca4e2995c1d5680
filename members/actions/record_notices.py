"""What the two sides of a mobile record hear about it, through the one outbox.

Each side's secretaries get an in-app message for every step the other side takes, and
reminders when a registration waits too long: ``MOBILE_REVIEW_REMINDER_DAYS`` without being
handled (to the inflow side), ``MOBILE_REPORT_REMINDER_DAYS`` without the member reporting in
(to both sides). Occasions make every message unique, so a rerun of the scan sends nothing new.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Channel, MobileRecord, Notification, NotificationKind, Organization, User
from members.models.mobility import RecordEvent, Side
from members.models.organizations import WRITE_ROLES
from members.notifications import outbox_add


def organization_handlers(organization: Organization | None) -> list[User]:
    """Users who act for an organisation: write roles on it, else on its nearest ancestor."""
    if organization is None:
        return []
    for node in [organization, *reversed(Organization.objects.get_ancestors(organization))]:
        users = list(
            User.objects.filter(
                is_active=True, assignments__organization=node, assignments__role__in=WRITE_ROLES
            ).distinct()
        )
        if users:
            return users
    return []


def _inbox_messages(record, users, *, kind, occasion, text, sender=None) -> list[Notification]:
    organization = record.side_organization(Side.OUTFLOW) or record.inflow_organization
    return [
        Notification(
            kind=kind,
            channel=Channel.INBOX,
            recipient_user=user,
            occasion=occasion,
            organization=organization,
            sender=sender,
            text=text,
            link=record.get_absolute_url(),
        )
        for user in users
    ]


def record_event_notify(record: MobileRecord, event: RecordEvent) -> list[int]:
    """Tell the other side's secretaries about a step or a note; called inside the action."""
    other = Side.INFLOW if event.side == Side.OUTFLOW else Side.OUTFLOW
    users = [u for u in organization_handlers(record.side_organization(other)) if u != event.actor]
    if not users:
        return []
    what = event.transition_label or event.text
    text = _("Mobile record of %(member)s: %(what)s (%(actor)s)") % {
        "member": record.member.name, "what": what, "actor": event.actor,
    }  # fmt: skip
    occasion = f"record:{record.pk}:event:{event.pk}"
    messages = _inbox_messages(
        record, users, kind=NotificationKind.RECORD_UPDATE, occasion=occasion, text=text,
        sender=event.actor,
    )  # fmt: skip
    return outbox_add(kind=NotificationKind.RECORD_UPDATE, occasion=occasion, messages=messages)


@transaction.atomic
def mobile_records_remind(*, now: datetime.datetime | None = None) -> int:
    """Write the reminders that are due; return how many messages were dispatched."""
    now = now or timezone.now()
    waiting = MobileRecord.objects.filter(status=MobileRecord.Status.WAITING).select_related(
        "member", "inflow_organization", "outflow_organization"
    )
    review_due = now - datetime.timedelta(days=settings.MOBILE_REVIEW_REMINDER_DAYS)
    report_due = now - datetime.timedelta(days=settings.MOBILE_REPORT_REMINDER_DAYS)
    dispatched = 0
    for record in waiting.filter(submitted_at__lte=review_due).iterator(chunk_size=500):
        text = _("%(member)s's registration has waited %(days)d days for you to take them in.")
        values = {"member": record.member.name, "days": settings.MOBILE_REVIEW_REMINDER_DAYS}
        dispatched += _remind(record, "review", [Side.INFLOW], text % values)
    for record in waiting.filter(submitted_at__lte=report_due).iterator(chunk_size=500):
        text = _("%(member)s has not reported in within %(days)d days of registration.")
        values = {"member": record.member.name, "days": settings.MOBILE_REPORT_REMINDER_DAYS}
        dispatched += _remind(record, "report", [Side.INFLOW, Side.OUTFLOW], text % values)
    return dispatched


def _remind(record: MobileRecord, reason: str, sides: list[str], text: str) -> int:
    users = {
        user for side in sides for user in organization_handlers(record.side_organization(side))
    }
    if not users:
        return 0
    # One reminder per registration period: resubmitting starts a new period.
    occasion = f"record:{record.pk}:{reason}:{record.submitted_at:%Y%m%d%H%M%S}"
    messages = _inbox_messages(
        record, sorted(users, key=lambda u: u.pk), kind=NotificationKind.RECORD_REMINDER,
        occasion=occasion, text=text,
    )  # fmt: skip
    return len(
        outbox_add(kind=NotificationKind.RECORD_REMINDER, occasion=occasion, messages=messages)
    )
