"""Contacts with a mobile member, and the explicit finding that contact is lost (失联)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup.actions.sides import locked, managing_side, not_future
from members.followup.models import ContactLog, LostContactMark, record_facts_refresh
from members.mobility.actions import log_event
from members.mobility.models import RecordEvent
from members.organizations.models import User


@transaction.atomic
def contact_record(
    *,
    actor: User,
    member: Member,
    channel: str,
    contacted_on: datetime.date,
    reached: bool,
    note: str = "",
) -> ContactLog:
    """Record an attempt to reach the member; a successful one resets the lost-contact clock."""
    side, record = managing_side(actor, member)
    not_future(contacted_on, "contacted_on")
    contact = ContactLog(
        member=member,
        record=record,
        side=side,
        channel=channel,
        contacted_on=contacted_on,
        reached=reached,
        note=note.strip(),
        by=actor,
    )
    contact.full_clean()
    contact.save()
    if record is not None:
        text = _("Contact by %(channel)s on %(date)s: %(outcome)s") % {
            "channel": contact.get_channel_display(),
            "date": contacted_on.isoformat(),
            "outcome": _("reached") if reached else _("not reached"),
        }
        log_event(
            record,
            actor,
            kind=RecordEvent.Kind.CONTACT,
            side=side,
            text=f"{text} {contact.note}".strip(),
        )
    record_facts_refresh(member_ids=[member.pk])
    return contact


@transaction.atomic
def lost_contact_mark(
    *, actor: User, member: Member, marked_on: datetime.date, note: str = ""
) -> LostContactMark:
    """Record the finding that the member is lost (失联); the warning then prompts art. 24."""
    side, record = managing_side(actor, member)
    member = locked(member)
    not_future(marked_on, "marked_on")
    if member.lost_contact_marks.filter(cleared_on=None).exists():
        raise ValidationError({"marked_on": _("The member is already marked as lost contact.")})
    mark = LostContactMark.objects.create(
        member=member, record=record, marked_on=marked_on, note=note.strip(), by=actor
    )
    if record is not None:
        text = _("Marked as lost contact since %(date)s") % {"date": marked_on.isoformat()}
        log_event(
            record, actor, kind=RecordEvent.Kind.NOTE, side=side, text=f"{text} {mark.note}".strip()
        )
    record_facts_refresh(member_ids=[member.pk])
    return mark


@transaction.atomic
def lost_contact_clear(
    *, actor: User, member: Member, cleared_on: datetime.date, note: str = ""
) -> LostContactMark:
    """Contact is back: close the open mark; the date counts as a successful contact."""
    side, record = managing_side(actor, member)
    member = locked(member)
    not_future(cleared_on, "cleared_on")
    mark = member.lost_contact_marks.filter(cleared_on=None).first()
    if mark is None:
        raise ValidationError({"cleared_on": _("The member is not marked as lost contact.")})
    if cleared_on < mark.marked_on:
        raise ValidationError({"cleared_on": _("Contact cannot be regained before it was lost.")})
    mark.cleared_on, mark.cleared_note, mark.cleared_by = cleared_on, note.strip(), actor
    mark.save(update_fields=["cleared_on", "cleared_note", "cleared_by"])
    if record is not None:
        text = _("Contact regained on %(date)s") % {"date": cleared_on.isoformat()}
        log_event(
            record,
            actor,
            kind=RecordEvent.Kind.CONTACT,
            side=side,
            text=f"{text} {mark.cleared_note}".strip(),
        )
    record_facts_refresh(member_ids=[member.pk])
    return mark
