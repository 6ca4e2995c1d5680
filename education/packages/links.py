"""On the member's phone page: parcels on their way, and "确认收到" for each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from education.packages import actions
from education.packages.models import Shipment
from education.packages.selectors import member_open_shipments
from education.packages.workflow import RECEIVABLE
from members.links.registry import (
    ActionResult,
    Item,
    ItemAction,
    Section,
    link_action,
    section_provider,
)

RECEIVED = "package_received"
MAX_ITEMS = 10


@section_provider
def package_section(member, *, today) -> list[Section]:
    shipments = list(member_open_shipments(member)[:MAX_ITEMS])
    if not shipments:
        return []
    return [Section(title=_("Study packages"), items=tuple(_item(s) for s in shipments), order=40)]


def _item(shipment: Shipment) -> Item:
    detail = shipment.dispatch.organization.name
    if shipment.tracking_number:
        detail = _("%(courier)s, tracking number %(tracking)s") % {
            "courier": shipment.courier,
            "tracking": shipment.tracking_number,
        }
    receivable = shipment.status in RECEIVABLE
    confirm = ItemAction(
        name=RECEIVED,
        label=_("Confirm receipt"),
        target_id=shipment.pk,
        confirm=_("Have you received the study package?"),
    )
    return Item(
        title=shipment.dispatch.package.name,
        detail=detail,
        status=shipment.get_status_display(),
        actions=(confirm,) if receivable else (),
    )


@link_action(RECEIVED)
def package_received(member, *, target_id, data, link) -> ActionResult:
    """The member's own parcel, sent or delivered, becomes received."""
    shipment = Shipment.objects.filter(pk=target_id, member=member).first()
    if shipment is None:
        raise PermissionDenied(_("This parcel is not yours."))
    if shipment.status not in RECEIVABLE:
        raise ValidationError(_("This parcel cannot be confirmed now."))
    actions.shipment_receive(actor=None, shipment=shipment, member=member)
    name = shipment.dispatch.package.name
    return ActionResult(
        message=_("Thank you: receipt confirmed."),
        description=_("Confirmed receipt of the study package “%(name)s”") % {"name": name},
        target=f"education.shipment:{shipment.pk}",
    )
