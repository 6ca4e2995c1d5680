"""Who manages a mobile member, and small checks every management action shares."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.mobility.models import MobileRecord, Side
from members.mobility.selectors import open_record
from members.organizations.models import User
from members.scoping import can_write, scope_paths


def managing_side(actor: User, member: Member) -> tuple[str, MobileRecord | None]:
    """The side the actor manages the member from, and the open record; or ``PermissionDenied``.

    The one answer to "may this user record contacts, dues, reviews and work for this
    member?": a writer of the member's file (the home, outflow side; for a member who came
    from outside the system, the receiving organisation acting as the inflow side), or a
    writer of the organisation hosting the member's open period away (the inflow side).
    """
    record = open_record(member)
    if can_write(actor, member):
        return (Side.INFLOW if member.home_external_id else Side.OUTFLOW), record
    hosted = MobileRecord.objects.hosted_in(scope_paths(actor, for_write=True))
    if record is not None and hosted.filter(pk=record.pk).exists():
        return Side.INFLOW, record
    raise PermissionDenied(_("Only the member's home or inflow organisation may do this."))


def is_home_side(side: str, member: Member) -> bool:
    """Whether the managing side holds the membership (sets the dues): the outflow side, or
    the receiving organisation of a member who came from outside the system."""
    return side == Side.OUTFLOW or bool(member.home_external_id)


# The management steps, as pages name them, in the order of their buttons.
MANAGEMENT_STEPS = (
    "contact",
    "lost-contact",
    "contact-regained",
    "dues-payment",
    "dues-rate",
    "card-review",
    "work",
)


def management_step_ensure(actor: User, member: Member, step: str) -> None:
    """``PermissionDenied`` unless the actor may take the step for the member; a
    ``ValidationError`` saying why when the member's state does not allow it now.

    The one answer pages (to show a button) and the actions (to refuse) share.
    """
    side, _record = managing_side(actor, member)
    _step_check(step, side, member, marked=_marked(member))


def management_steps(actor: User, member: Member) -> list[str]:
    """The management steps the actor may take for the member now, for the page's buttons.

    The same check as ``management_step_ensure``, with the side and the mark read once for
    all the steps (the page's query count does not grow with them).
    """
    try:
        side, _record = managing_side(actor, member)
    except PermissionDenied:
        return []
    marked = _marked(member)
    allowed = []
    for step in MANAGEMENT_STEPS:
        try:
            _step_check(step, side, member, marked=marked)
        except (PermissionDenied, ValidationError):
            continue
        allowed.append(step)
    return allowed


def _marked(member: Member) -> bool:
    return member.lost_contact_marks.filter(cleared_on=None).exists()


def _step_check(step: str, side: str, member: Member, *, marked: bool) -> None:
    if step == "dues-rate" and not is_home_side(side, member):
        raise PermissionDenied(_("Only the member's home organisation sets the dues."))
    if step == "lost-contact" and marked:
        raise ValidationError(_("The member is already marked as lost contact."))
    if step == "contact-regained" and not marked:
        raise ValidationError(_("The member is not marked as lost contact."))


def may_manage(actor: User, member: Member) -> bool:
    try:
        managing_side(actor, member)
    except PermissionDenied:
        return False
    return True


def not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def locked(member: Member) -> Member:
    # Serialises writes for one member, so two payments cannot both pass the overlap check.
    return Member.objects.select_for_update().get(pk=member.pk)
