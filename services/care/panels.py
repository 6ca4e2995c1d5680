"""On the member file: «关怀记录», the member's care records and the political-birthday
greetings the management chain sent, newest first (two queries whatever their number)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.files.panels import Panel, file_panel
from services.care import selectors

MAX_ROWS = 30


@dataclass(frozen=True)
class CareEntry:
    kind: str
    on_date: datetime.date
    title: str
    detail: str
    by: str


@file_panel
def care_panel(member: Member, *, user, today) -> list[Panel]:
    records = selectors.member_records(user=user, member=member, limit=MAX_ROWS)
    greetings = selectors.member_greetings(user=user, member=member, limit=MAX_ROWS)
    entries = [_record_entry(record) for record in records]
    entries += [_greeting_entry(member, greeting) for greeting in greetings]
    entries.sort(key=lambda entry: entry.on_date, reverse=True)
    context = {
        "member": member,
        "entries": entries[:MAX_ROWS],
        "can_add": selectors.member_can_care(user, member),
    }
    return [Panel("services/care/_file_panel.html", context, order=70)]


def _record_entry(record) -> CareEntry:
    title = record.get_kind_display()
    if record.family_member:
        title = f"{title} · {record.family_member}"
    return CareEntry(
        record.kind, record.on_date, title, record.description, record.organization.name
    )


def _greeting_entry(member: Member, greeting) -> CareEntry:
    years = selectors.greeting_years(member, greeting)
    title = _("Political birthday greeting: year %(years)d in the Party") % {"years": years}
    by = greeting.organization.name if greeting.organization else ""
    day = timezone.localdate(greeting.sent_at or greeting.created_at)
    return CareEntry("political_birthday", day, title, greeting.text, by)
