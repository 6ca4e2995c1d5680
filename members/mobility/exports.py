"""The exports of the mobile records' lists: the follow list (either side) and the inbox."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.downloads.registry import (
    Column,
    ListExport,
    choice,
    filters_in_words,
    id_number_column,
    register,
)
from members.followup.selectors import records_filtered
from members.mobility import selectors
from members.mobility.forms import RecordFilterForm
from members.mobility.models import MobileRecord


def record_rows(*, user, params):
    """The records list's rows: its side, status and category, newest first (as the page)."""
    filters = RecordFilterForm(params).filters()
    records = selectors.record_side(user=user, side=filters["side"])
    return records_filtered(
        records,
        status=filters["status"],
        category=filters["category"],
        today=timezone.localdate(),
    )


def inbox_rows(*, user, params):
    """The inflow inbox's rows: waiting for the user's organisations, oldest first."""
    return selectors.inflow_inbox(user=user)


def _waiting_days(record) -> int | None:
    if record.submitted_at is None:
        return None
    return (timezone.localdate() - timezone.localdate(record.submitted_at)).days


def _member(record):
    return record.member


def _submitted_on(record):
    return timezone.localdate(record.submitted_at) if record.submitted_at else None


MEMBER = [
    Column(_("Member"), lambda r: r.member.name, width=12),
    id_number_column(_member),
]
DESTINATION = [
    Column(_("departure date"), lambda r: r.departure_date, width=12),
    Column(_("reason for leaving"), choice(MobileRecord, "reason"), width=10),
    Column(_("destination region"), lambda r: r.destination_region_name, width=18),
    Column(_("destination address"), lambda r: r.destination_address, width=30),
    Column(_("employer"), lambda r: r.employer_name, width=24),
    Column(_("member's phone there"), lambda r: r.member_phone_there, width=13),
]

register(
    ListExport(
        name="records",
        title=_("Mobile records"),
        list_url="records:list",
        rows=record_rows,
        member=_member,
        describe=lambda *, user, params: filters_in_words(RecordFilterForm(params)),
        columns=[
            *MEMBER,
            Column(_("Status"), choice(MobileRecord, "status"), width=10),
            Column(_("From"), lambda r: r.outflow_name, width=26),
            Column(_("To"), lambda r: r.inflow_name, width=26),
            *DESTINATION,
            Column(_("expected duration (months)"), lambda r: r.expected_months, width=8),
            Column(_("scope"), choice(MobileRecord, "scope"), width=10),
            Column(_("destination unit type"), choice(MobileRecord, "unit_type"), width=14),
            Column(_("activity card number"), lambda r: r.activity_card_number, width=16),
            Column(_("submitted"), _submitted_on, width=12),
            Column(_("inflow date"), lambda r: r.inflow_date, width=12),
            Column(_("reported in on"), lambda r: r.reported_on, width=12),
            Column(_("ended on"), lambda r: r.ended_on, width=12),
        ],
    )
)

register(
    ListExport(
        name="inbox",
        title=_("Inflow inbox"),
        list_url="records:inbox",
        rows=inbox_rows,
        member=_member,
        columns=[
            *MEMBER,
            Column(_("From"), lambda r: r.outflow_name, width=26),
            Column(_("Sent to"), lambda r: r.inflow_name, width=26),
            Column(_("submitted"), _submitted_on, width=12),
            Column(_("Days waiting"), _waiting_days, width=8),
            *DESTINATION,
            Column(_("outflow contact person"), lambda r: r.outflow_contact_person, width=10),
            Column(_("outflow contact phone"), lambda r: r.outflow_contact_phone, width=14),
        ],
    )
)
