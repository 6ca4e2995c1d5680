"""The member's own word that they reported in at the inflow branch (story 1), given through
the personal link: a line on the record's timeline and a notice to both sides' secretaries.

It takes nobody in: the inflow secretary checks the member's data and takes them in
(``mobile_record_take_in``), as before.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.mobility.actions.records import log_event
from members.mobility.models import MobileRecord, RecordEvent, Side
from members.mobility.models.records import RECORD_UPDATE
from members.organizations.selectors import organization_handlers
from members.outbox.actions import inbox_message, outbox_add
from members.workflow import TransitionError

MEMBER_REPORT = RecordEvent.Kind.MEMBER_REPORT


def member_report_event(record: MobileRecord) -> RecordEvent | None:
    """The member's confirmation of this registration period, if given."""
    since = record.submitted_at or record.created_at
    return record.events.filter(kind=MEMBER_REPORT, created_at__gte=since).first()


@transaction.atomic
def mobile_record_member_report(*, member: Member, record_id: int) -> MobileRecord:
    """Record that the member says they reported in; only their own record waiting for it."""
    record = (
        MobileRecord.objects.select_for_update(of=("self",))
        .select_related("member", "inflow_organization", "outflow_organization")
        .filter(pk=record_id, member=member)
        .first()
    )
    if record is None:
        raise ValidationError(_("This registration is not yours."))
    if record.status != MobileRecord.Status.WAITING:
        raise TransitionError(_("This registration no longer waits for your report-in."))
    if (earlier := member_report_event(record)) is not None:
        day = timezone.localtime(earlier.created_at).date().isoformat()
        raise ValidationError(_("You already confirmed reporting in on %(day)s.") % {"day": day})
    text = _("%(member)s confirmed through the personal link reporting in to %(inflow)s.") % {
        "member": member.name,
        "inflow": record.inflow_name,
    }
    event = log_event(record, None, kind=MEMBER_REPORT, side=Side.INFLOW, text=text)
    _notify(record, event)
    return record


def _notify(record: MobileRecord, event: RecordEvent) -> list[int]:
    """Both sides hear it: the inflow side to check and take in, the home side to know."""
    users = {
        user
        for side in (Side.INFLOW, Side.OUTFLOW)
        for user in organization_handlers(record.side_organization(side))
    }
    text = _("%(text)s Check the member's data and take them in.") % {"text": event.text}
    occasion = f"record:{record.pk}:event:{event.pk}"
    messages = [
        inbox_message(
            kind=RECORD_UPDATE,
            user=user,
            occasion=occasion,
            text=text,
            organization=record.side_organization(Side.INFLOW) or record.outflow_organization,
            link=record.get_absolute_url(),
        )
        for user in sorted(users, key=lambda user: user.pk)
    ]
    return outbox_add(kind=RECORD_UPDATE, occasion=occasion, messages=messages)
