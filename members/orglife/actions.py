"""Organisational life (组织生活): activities a branch holds and who took part.

Writers of the holding organisation create activities and record attendance. Its members are
the files held in its subtree and the mobile members it has taken in (art. 32: one membership,
organisational life in several places), so the inflow side records a mobile member's
attendance and the home side reads it on the member's file.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from members.files.models import Member
from members.organizations.models import Organization, User
from members.orglife.models import Activity, Attendance, attendance_changed
from members.orglife.selectors import (
    AUDIENCE_HOME,
    activity_eligible_members,
    member_message_recipients,
)
from members.outbox import kinds
from members.outbox.actions import member_message, outbox_add
from members.outbox.models import NOTICE
from members.outbox.texts import OrganizationCache, message_text_check, render, signature
from members.scoping import can_write, ensure_can_write
from members.workflow import lock

ACTIVITY_FIELDS = {"kind", "title", "held_at", "online", "location", "content"}
NOTICE_BATCH = 2000


@dataclass(frozen=True)
class AttendanceEntry:
    """One line of the sheet; an empty status takes the member off the sheet."""

    member_id: int
    status: str
    note: str = ""


@transaction.atomic
def activity_create(*, actor: User, organization: Organization, **fields: Any) -> Activity:
    """Record an activity held by the organisation (a writer of it only)."""
    ensure_can_write(actor, organization)
    _check_fields(fields)
    activity = Activity(organization=organization, created_by=actor, **fields)
    _validate_and_save(activity)
    return activity


@transaction.atomic
def activity_update(*, actor: User, activity: Activity, **fields: Any) -> Activity:
    """Change an activity; the holding organisation stays the same."""
    activity = _locked(activity)
    ensure_can_write(actor, activity.organization)
    _check_fields(fields)
    for name, value in fields.items():
        setattr(activity, name, value)
    _validate_and_save(activity)
    # Moving the date moves the last organisational life of those who took part.
    attendance_changed(list(activity.attendances.values_list("member_id", flat=True)))
    return activity


# What a writer of the activity may do with it, in the order of the page's buttons.
ACTIVITY_STEPS = ("edit", "notify", "delete")


def activity_step_ensure(actor: User, activity: Activity, step: str) -> None:
    """``PermissionDenied`` unless the actor writes the activity; a ``ValidationError``
    saying why when the activity does not allow the step now. Pages (to show a button) and
    actions (to refuse) share it."""
    ensure_can_write(actor, activity.organization)
    _step_check(activity, step)


def activity_steps(actor: User, activity: Activity) -> list[str]:
    """The steps the actor may take on the activity now (the same checks, the write
    permission asked once)."""
    if not can_write(actor, activity.organization):
        return []
    allowed = []
    for step in ACTIVITY_STEPS:
        try:
            _step_check(activity, step)
        except ValidationError:
            continue
        allowed.append(step)
    return allowed


def _step_check(activity: Activity, step: str) -> None:
    if step == "notify" and activity.held_at < timezone.now():
        raise ValidationError(_("The activity has already taken place."))
    if step == "delete" and activity.attendances.exists():
        raise ValidationError(
            _("Attendance is recorded for this activity; clear the sheet before deleting it.")
        )


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    """Delete an activity entered by mistake; never one with attendance on members' records."""
    activity = _locked(activity)
    activity_step_ensure(actor, activity, "delete")
    activity.delete()


@transaction.atomic
def attendance_record(
    *, actor: User, activity: Activity, entries: Iterable[AttendanceEntry]
) -> dict[str, int]:
    """Save a sheet of attendance in one go: create, change or clear each member's line.

    Idempotent (saving the same sheet again changes nothing) and atomic (one bad line saves
    nothing). The activity row is locked so two secretaries saving at once take turns.
    Returns how many lines were created, changed and cleared.
    """
    activity = _locked(activity)
    ensure_can_write(actor, activity.organization)
    entries = {entry.member_id: entry for entry in entries}
    _check_entries(activity, entries)
    existing = activity.attendances.filter(member__in=list(entries))
    existing = {row.member_id: row for row in existing}
    created, changed, cleared = [], [], []
    for member_id, entry in entries.items():
        row = existing.get(member_id)
        if not entry.status:
            cleared += [row] if row else []
        elif row is None:
            created.append(Attendance(activity=activity, member_id=member_id))
        elif (row.status, row.note) == (entry.status, entry.note):
            continue
        else:
            changed.append(row)
    now = timezone.now()
    for row in created + changed:
        entry = entries[row.member_id]
        row.status, row.note = entry.status, entry.note
        row.recorded_by, row.recorded_at = actor, now
    bulk_create_with_history(created, Attendance, default_user=actor)
    fields = ["status", "note", "recorded_by", "recorded_at"]
    bulk_update_with_history(changed, Attendance, fields, default_user=actor)
    for row in cleared:  # one by one, so each removal is kept in the history
        row.delete()
    touched = [row.member_id for row in created + changed + cleared]
    if touched:
        attendance_changed(touched)
    return {"created": len(created), "changed": len(changed), "cleared": len(cleared)}


def _check_entries(activity: Activity, entries: dict[int, AttendanceEntry]) -> None:
    allowed = {"", *Attendance.Status.values}
    if any(entry.status not in allowed for entry in entries.values()):
        raise ValidationError({"entries": _("Choose an attendance status.")})
    took_part = {Attendance.Status.PRESENT, Attendance.Status.ONLINE}
    not_yet = timezone.localdate(activity.held_at) > timezone.localdate()
    if not_yet and any(entry.status in took_part for entry in entries.values()):
        raise ValidationError({"entries": _("The activity has not taken place yet.")})
    eligible = set(
        activity_eligible_members(activity=activity)
        .filter(pk__in=list(entries))
        .values_list("pk", flat=True)
    )
    if set(entries) - eligible:
        raise ValidationError(
            {"entries": _("Only members of this organisation or taken in by it can be recorded.")}
        )


@transaction.atomic
def activity_notify(*, actor: User, activity: Activity) -> int:
    """Send the activity's notice to its organisation's current members, home and taken in.

    One message per member and schedule: sending again (or a double click) adds nothing; moving
    the activity to another time sends the new time.
    """
    activity = _locked(activity)
    activity_step_ensure(actor, activity, "notify")
    occasion = f"activity:{activity.pk}:{timezone.localtime(activity.held_at):%Y%m%d%H%M}"
    sender = _organization_row(activity.organization)
    text = _notice_text(activity, sender)
    members = activity_eligible_members(activity=activity).filter(
        status__in=Member.CURRENT_STATUSES
    )
    last, total = 0, 0
    kind = NOTICE
    while rows := list(
        members.filter(pk__gt=last).order_by("pk").values("pk", "name", "phone")[:NOTICE_BATCH]
    ):
        messages = [
            member_message(
                kind=kind,
                member=row,
                occasion=occasion,
                organization=sender,
                text=text.replace("{name}", row["name"]),
                sender=actor,
            )
            for row in rows
        ]
        outbox_add(kind=kind, occasion=occasion, messages=messages)
        last, total = rows[-1]["pk"], total + len(rows)
    return total


def _notice_text(activity: Activity, sender: dict) -> str:
    # Messages to members are in Chinese, like the seed's, whatever the secretary's language.
    with translation.override("zh-hans"):
        when = timezone.localtime(activity.held_at).strftime("%Y-%m-%d %H:%M")
        where = "线上参加：" if activity.online else "地点："
        where += activity.location or sender["name"]
        return (
            f"{{name}}同志：{sender['name']}定于{when}开展{activity.get_kind_display()}"
            f"“{activity.title}”，{where}。请准时参加。——{signature(sender)}"
        )


def _organization_row(organization: Organization) -> dict:
    return {
        "pk": organization.pk,
        "name": organization.name,
        "secretary_name": organization.secretary_name,
    }


def _locked(activity: Activity) -> Activity:
    return lock(activity, "organization")


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = fields.keys() - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")


def _validate_and_save(activity: Activity) -> None:
    activity.full_clean(exclude=["organization", "created_by"])
    activity.save()


# --- A secretary's message to members -------------------------------------------------------


@transaction.atomic
def member_message_send(
    *,
    actor: User,
    organization: Organization,
    status: str,
    kind: str,
    text: str,
    token: str,
    audience: str = AUDIENCE_HOME,
    batch_size: int = 2000,
) -> int:
    """Queue one message per recipient; the form's token makes a double submit harmless."""
    if kind not in dict(kinds.manual_choices()):
        raise ValidationError({"kind": _("Choose a kind of message.")})
    message_text_check(text)
    members = member_message_recipients(
        actor=actor, organization=organization, status=status, audience=audience
    )
    occasion = f"{kind}:{token}"[:64]
    organizations = OrganizationCache()
    fields = ("pk", "name", "phone", "organization_id")
    last, total = 0, 0
    while rows := list(members.filter(pk__gt=last).order_by("pk").values(*fields)[:batch_size]):
        organizations.load([organization.pk, *(row["organization_id"] for row in rows)])
        messages = [
            _manual_message(kind, row, occasion, text, _signing(organizations, row, organization))
            for row in rows
        ]
        for message in messages:
            message.sender = actor
        outbox_add(kind=kind, occasion=occasion, messages=messages)
        last, total = rows[-1]["pk"], total + len(rows)
    return total


def _signing(organizations: OrganizationCache, member: dict, sending: Organization) -> dict:
    """A member's own branch signs; a member hosted here hears from the sending organisation."""
    own = organizations[member["organization_id"]]
    return own if own["path"].startswith(sending.path) else organizations[sending.pk]


def _manual_message(kind, member, occasion, text, organization):
    body = render(
        text,
        name=member["name"],
        organization=organization["name"],
        secretary=organization["secretary_name"],
        signature=signature(organization),
    )
    return member_message(
        kind=kind, member=member, occasion=occasion, text=body, organization=organization
    )
