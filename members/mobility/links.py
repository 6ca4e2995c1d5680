"""What the management chain puts on the member's phone page: reporting in at the inflow
branch (story 1), with the branch's address and contact, and the member's "我已报到"."""

from django.utils.translation import gettext as _

from members.links.registry import (
    ActionResult,
    Item,
    ItemAction,
    Section,
    link_action,
    section_provider,
)
from members.mobility.actions import member_report_event, mobile_record_member_report
from members.mobility.models import MobileRecord

REPORT_IN = "report_in"


@section_provider
def report_in_section(member, *, today) -> list[Section]:
    """While a registration waits for the member to report in: where to go, and the button."""
    record = (
        MobileRecord.objects.filter(member=member, status=MobileRecord.Status.WAITING)
        .select_related("inflow_organization", "inflow_external")
        .first()
    )
    if record is None:
        return []
    reported = member_report_event(record)
    actions = ()
    if reported is None:
        confirm = _("Confirm that you have reported in to %(inflow)s?") % {
            "inflow": record.inflow_name
        }
        actions = (ItemAction(REPORT_IN, _("I have reported in"), record.pk, confirm=confirm),)
    item = Item(
        title=record.inflow_name,
        detail=_inflow_contact(record),
        status=_("Confirmed; waiting for the branch to take you in") if reported else "",
        actions=actions,
    )
    return [Section(_("Report in to the inflow Party organisation"), (item,), order=10)]


def _inflow_contact(record: MobileRecord) -> str:
    where = record.inflow_organization or record.inflow_external
    parts = [
        where.address,
        " ".join(filter(None, [where.contact_person, where.contact_phone])),
    ]
    return " · ".join(part for part in parts if part)


@link_action(REPORT_IN)
def report_in(member, *, target_id: int, data, link) -> ActionResult:
    record = mobile_record_member_report(member=member, record_id=target_id)
    inflow = record.inflow_name
    return ActionResult(
        message=_("Thank you. %(inflow)s has been told and will take you in.") % {"inflow": inflow},
        description=_("Confirmed reporting in to %(inflow)s") % {"inflow": inflow},
        target=f"members.mobilerecord:{record.pk}",
    )
