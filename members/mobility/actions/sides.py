"""Who acts on a mobile record: the fields each side writes, the side a user acts for, and
the steps an organisation in the system takes only for itself."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from members.mobility.models import WORKFLOW, MobileRecord, Side
from members.organizations.models import User
from members.scoping import scope_paths, within

# The fields each side fills in: registration (outflow), take-in (inflow), co-management.
OUTFLOW_FIELDS = {
    "activity_card_number",
    "original_occupation",
    "reason",
    "unit_type",
    "departure_date",
    "expected_months",
    "destination_region_code",
    "destination_address",
    "employer_name",
    "employer_contact_person",
    "employer_contact_phone",
    "employer_address",
    "employer_party_organization",
    "member_phone_there",
    "member_address_there",
    "outflow_contact_person",
    "outflow_contact_phone",
    "co_management_measures",
    "inflow_organization",
    "inflow_external",
}
TAKE_IN_FIELDS = {
    "taken_in_by",
    "inflow_date",
    "reported_on",
    "inflow_contact_person",
    "inflow_contact_phone",
}
CO_MANAGEMENT_FIELDS = {
    "employer_name",
    "employer_contact_person",
    "employer_contact_phone",
    "employer_address",
    "employer_party_organization",
    "co_management_measures",
}


def acting_side(actor: User, record: MobileRecord, side: str) -> str:
    """The side the actor acts for on this record, or ``PermissionDenied``: the one answer to
    "may this user take this step?" for pages, API, admin and the actions themselves."""
    sides = [Side.OUTFLOW, Side.INFLOW] if side == Side.EITHER else [side]
    paths = scope_paths(actor, for_write=True)
    for candidate in sides:
        organization = record.side_organization(candidate)
        if organization is not None and within(organization.path, paths):
            return candidate
    if side == Side.EITHER:
        raise PermissionDenied(_("Only secretaries of the outflow or inflow side may do this."))
    raise PermissionDenied(_("Only the %(side)s may do this.") % {"side": Side(side).label})


# Steps an organisation in the system takes only for itself, not on behalf of one outside it:
# returning needs both ends in the system (else it goes back to the one acting), and taking
# in is the host's own act (a host outside the system confirms it with the return slip).
IN_SYSTEM_SIDES = {"return": (Side.OUTFLOW, Side.INFLOW), "take_in": (Side.INFLOW,)}


def ensure_in_system(record: MobileRecord, name: str) -> None:
    """``PermissionDenied`` when a side the step needs in the system is outside it."""
    if not all(record.is_in_system(side) for side in IN_SYSTEM_SIDES.get(name, ())):
        raise PermissionDenied(
            _("“%(step)s” is not possible with an organisation outside the system.")
            % {"step": WORKFLOW[name].label}
        )


def may_act(actor: User, record: MobileRecord, side: str) -> bool:
    try:
        acting_side(actor, record, side)
    except PermissionDenied:
        return False
    return True
