"""What a user may do with a mobile record now: the one answer pages, the API and the actions
share. Status changes come from the transition table (``WORKFLOW``); the record's other steps
name the statuses they need and the side that takes them."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from members.files.models import Member
from members.mobility.actions.records import DELETE_REFUSED
from members.mobility.actions.sides import acting_side, ensure_in_system
from members.mobility.models import WORKFLOW, MobileRecord, Side
from members.organizations.models import User
from members.scoping import can_write
from members.workflow import TransitionError


@dataclass(frozen=True)
class Step:
    """A step that is not a status change: the statuses it needs, the side that takes it."""

    statuses: tuple[str, ...]
    side: str
    in_system: tuple[str, ...] = ()  # sides whose organisation must be in the system
    refusal: str = ""  # why not, when the status does not allow it


OTHER_STEPS = {
    "edit": Step(MobileRecord.EDITABLE_STATUSES, Side.OUTFLOW),
    "delete": Step(MobileRecord.DELETABLE_STATUSES, Side.OUTFLOW, refusal=DELETE_REFUSED),
    # A letter is the home committee's: it is issued for a registration it submitted.
    "letter": Step(MobileRecord.LETTER_STATUSES, Side.OUTFLOW, in_system=(Side.OUTFLOW,)),
    "co_management": Step(tuple(MobileRecord.Status.values), Side.EITHER),
    "note": Step(tuple(MobileRecord.Status.values), Side.EITHER),
}
# The steps pages offer, in the order of their buttons ("submit" also registers a departure
# without an inflow organisation).
PAGE_STEPS = (
    "edit",
    "submit",
    "resubmit",
    "take_in",
    "return",
    "assign_inflow",
    "end",
    "letter",
    "co_management",
    "note",
    "delete",
)


def _transition_name(record: MobileRecord, step: str) -> str:
    if step == "submit" and not (record.inflow_organization_id or record.inflow_external_id):
        return "register_no_inflow"
    return step


def record_step_ensure(actor: User, record: MobileRecord, step: str) -> str:
    """Return the side the actor takes ``step`` for; ``PermissionDenied`` when the actor may
    not take it at all, ``TransitionError`` when the record's status does not allow it now."""
    transition = WORKFLOW.get(_transition_name(record, step))
    if transition is not None:
        side = acting_side(actor, record, transition.actor)
        ensure_in_system(record, transition.name)
        if record.status not in transition.sources:
            raise TransitionError(_not_now(record, transition.label))
        return side
    rule = OTHER_STEPS[step]
    side = acting_side(actor, record, rule.side)
    if not all(record.is_in_system(name) for name in rule.in_system):
        raise PermissionDenied(_("Only the home organisation in the system may do this."))
    if record.status not in rule.statuses:
        raise TransitionError(str(rule.refusal) if rule.refusal else _not_now(record, ""))
    return side


def _not_now(record: MobileRecord, label: str) -> str:
    if label:
        return _("This is now “%(status)s”; “%(step)s” is not possible.") % {
            "status": record.get_status_display(),
            "step": label,
        }
    return _("This is now “%(status)s”; that is not possible.") % {
        "status": record.get_status_display()
    }


def record_step_allowed(actor: User, record: MobileRecord, step: str) -> bool:
    try:
        record_step_ensure(actor, record, step)
    except (PermissionDenied, TransitionError):
        return False
    return True


def record_steps(actor: User, record: MobileRecord) -> list[str]:
    """The steps the actor may take on the record now, for its page's buttons."""
    return [step for step in PAGE_STEPS if record_step_allowed(actor, record, step)]


def departure_allowed(actor: User, member: Member) -> bool:
    """Whether the actor may register a departure of the member now (one open period)."""
    if not can_write(actor, member):
        return False
    return not member.mobile_records.exclude(status=MobileRecord.Status.ENDED).exists()
