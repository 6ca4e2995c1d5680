"""The daily reminders of rule warnings to the secretaries responsible."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.followup.models import MANAGEMENT_WARNING
from members.followup.rules import facts_of, managed_records, warnings_for, with_any_warning
from members.mobility.models import MobileRecord, Side
from members.organizations.selectors import HandlerBook
from members.outbox.actions import inbox_message, outbox_add


def management_warnings_remind(*, today: datetime.date | None = None, batch_size: int = 500) -> int:
    """Write one inbox message per secretary per warning; return how many were dispatched.

    The occasion names the warning and its episode (the date the six months count from), so a
    rerun adds nothing and only a new lapse brings a new reminder. Each record's reminders are
    one short transaction: the scan never holds the database for long.
    """
    today = today or timezone.localdate()
    records = MobileRecord.objects.select_related(
        "member", "outflow_organization", "inflow_organization"
    )
    records = with_any_warning(managed_records(records, today=today), today=today)
    book = HandlerBook()
    last, total = 0, 0
    while page := list(records.filter(pk__gt=last).order_by("pk")[:batch_size]):
        for record in page:
            with transaction.atomic():
                total += _remind_record(record, today, book)
        last = page[-1].pk
    return total


def _remind_record(record: MobileRecord, today: datetime.date, book: HandlerBook) -> int:
    """The outflow side stays responsible until relations are transferred (art. 25)."""
    organization = record.side_organization(Side.OUTFLOW)
    users = book.handlers(organization)
    if not users:
        return 0
    link = reverse("management:member", args=[record.member_id])
    dispatched = 0
    for warning in warnings_for(facts_of(record), today=today):
        occasion = f"mw:{warning.code}:{record.pk}:{warning.episode}"
        text = _("%(member)s: %(warning)s (counted from %(date)s)") % {
            "member": record.member.name,
            "warning": warning.label,
            "date": warning.since.isoformat(),
        }
        messages = [
            inbox_message(
                kind=MANAGEMENT_WARNING,
                user=user,
                occasion=occasion,
                text=text,
                organization=organization,
                link=link,
            )
            for user in users
        ]
        dispatched += len(outbox_add(kind=MANAGEMENT_WARNING, occasion=occasion, messages=messages))
    return dispatched
