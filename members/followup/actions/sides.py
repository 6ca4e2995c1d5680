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
