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

from members.mobility.models import MobileRecord, RecordEvent, Side
from members.mobility.models.records import RECORD_REMINDER, RECORD_UPDATE
from members.organizations.models import Organization, User
from members.organizations.selectors import HandlerBook, organization_handlers
from members.outbox.actions import inbox_message, outbox_add

SCAN_BATCH = 500


def _messages(record: MobileRecord, users, *, kind, occasion, text, sender=None) -> list:
    organization = record.side_organization(Side.OUTFLOW) or record.inflow_organization
    link = record.get_absolute_url()
    return [
        inbox_message(
            kind=kind,
            user=user,
            occasion=occasion,
            text=text,
            organization=organization,
            sender=sender,
            link=link,
        )
        for user in users
    ]


def record_event_notify(
    record: MobileRecord, event: RecordEvent, *, organization: Organization | None = None
) -> list[int]:
    """Tell the other side's secretaries about a step or a note; called inside the action.

    ``organization`` is the other side's organisation when the caller knows it from before
    the step (after an end, the record no longer has a host).
    """
    other = Side.INFLOW if event.side == Side.OUTFLOW else Side.OUTFLOW
    counterpart = organization or record.side_organization(other)
    users = [u for u in organization_handlers(counterpart) if u != event.actor]
    if not users:
        return []
    what = event.transition_label or event.text
    text = _("Mobile record of %(member)s: %(what)s (%(actor)s)") % {
        "member": record.member.name,
        "what": what,
        "actor": event.actor,
    }
    occasion = f"record:{record.pk}:event:{event.pk}"
    messages = _messages(
        record, users, kind=RECORD_UPDATE, occasion=occasion, text=text, sender=event.actor
    )
    return outbox_add(kind=RECORD_UPDATE, occasion=occasion, messages=messages)


def mobile_records_remind(*, now: datetime.datetime | None = None) -> int:
    """Write the reminders that are due; return how many messages were dispatched.

    Each record's reminders are written in a short transaction of their own, so the scan never
    holds the database for long (SQLite has one writer); handlers are looked up once per
    organisation.
    """
    now = now or timezone.now()
    waiting = MobileRecord.objects.filter(status=MobileRecord.Status.WAITING).select_related(
        "member", "inflow_organization", "outflow_organization", "taken_in_by"
    )
    book = HandlerBook()
    review_days = settings.MOBILE_REVIEW_REMINDER_DAYS
    report_days = settings.MOBILE_REPORT_REMINDER_DAYS
    dispatched = 0
    review_due = waiting.filter(submitted_at__lte=now - datetime.timedelta(days=review_days))
    for record in _batches(review_due):
        text = _("%(member)s's registration has waited %(days)d days for you to take them in.")
        values = {"member": record.member.name, "days": review_days}
        dispatched += _remind(record, "review", [Side.INFLOW], text % values, book)
    report_due = waiting.filter(submitted_at__lte=now - datetime.timedelta(days=report_days))
    for record in _batches(report_due):
        text = _("%(member)s has not reported in within %(days)d days of registration.")
        values = {"member": record.member.name, "days": report_days}
        dispatched += _remind(record, "report", [Side.INFLOW, Side.OUTFLOW], text % values, book)
    return dispatched


def _batches(records):
    last = 0
    while page := list(records.filter(pk__gt=last).order_by("pk")[:SCAN_BATCH]):
        yield from page
        last = page[-1].pk


def _remind(record: MobileRecord, reason: str, sides: list[str], text: str, book) -> int:
    users: set[User] = set()
    for side in sides:
        users.update(book.handlers(record.side_organization(side)))
    if not users:
        return 0
    # One reminder per registration period: resubmitting starts a new period.
    occasion = f"record:{record.pk}:{reason}:{record.submitted_at:%Y%m%d%H%M%S}"
    ordered = sorted(users, key=lambda user: user.pk)
    messages = _messages(record, ordered, kind=RECORD_REMINDER, occasion=occasion, text=text)
    with transaction.atomic():
        return len(outbox_add(kind=RECORD_REMINDER, occasion=occasion, messages=messages))
