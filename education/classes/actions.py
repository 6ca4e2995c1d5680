"""Online training classes (云课堂): every write — scheduling, inviting, reminding, attendance.

A class moves scheduled → held (attendance recorded) or scheduled → cancelled
(``CLASS_FLOW``). Inviting writes one invitation per member of the chosen group, set-based, and
an SMS each; the beat task reminds every invitee once an hour before; attendance credits the
class's study hours to those who joined and takes them back from those corrected to absent.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from education.audience import Audience, audience_members
from education.bulk import insert_per_member
from education.classes import imports
from education.classes.models import ClassInvitation, TrainingClass
from education.hours.actions import Source, hours_credit, hours_withdraw
from education.messages import send_per_member
from education.reach import reach_add
from members.organizations.models import Organization, User
from members.outbox.kinds import register
from members.scoping import ensure_can_write
from members.workflow import NEW, Transition, Workflow, lock

Status = TrainingClass.Status
Attendance = ClassInvitation.Attendance
CLASS_FIELDS = {"title", "description", "starts_at", "duration_minutes", "meeting_link", "hours"}
REMIND_BEFORE = datetime.timedelta(hours=1)

INVITATION_KIND = register(
    "class_invitation",
    gettext_lazy("Training class invitation"),
    default_text="{name}同志：{organization}将于{time}举办线上培训班《{title}》，会议链接：{link}",
)
REMINDER_KIND = register(
    "class_reminder",
    gettext_lazy("Training class reminder"),
    default_text="{name}同志：线上培训班《{title}》将于{time}开始，请准时参加，会议链接：{link}",
)

CLASS_FLOW = Workflow(
    Transition("create", frozenset({NEW}), Status.SCHEDULED, "owner", gettext_lazy("Schedule")),
    Transition(
        "hold",
        frozenset({Status.SCHEDULED, Status.HELD}),
        Status.HELD,
        "owner",
        gettext_lazy("Record attendance"),
    ),
    Transition(
        "cancel", frozenset({Status.SCHEDULED}), Status.CANCELLED, "owner", gettext_lazy("Cancel")
    ),
)


@dataclass(frozen=True)
class AttendanceEntry:
    """One line of the sheet: joined or absent (or "" to clear it), minutes online."""

    member_id: int
    attendance: str
    minutes: int | None = None


# --- Scheduling and inviting ------------------------------------------------------------------


@transaction.atomic
def training_class_create(
    *, actor: User, organization: Organization, **fields: Any
) -> TrainingClass:
    """Schedule a class hosted by the organisation (a writer of it only)."""
    ensure_can_write(actor, organization)
    _check_fields(fields)
    training_class = TrainingClass(organization=organization, created_by=actor, **fields)
    CLASS_FLOW.move(training_class, "create")
    _validate_and_save(training_class)
    return training_class


@transaction.atomic
def training_class_update(
    *, actor: User, training_class: TrainingClass, **fields: Any
) -> TrainingClass:
    """Change a scheduled class; invitees told of a new time by the next invitation round."""
    training_class = _writable(actor, training_class, Status.SCHEDULED)
    _check_fields(fields)
    if fields.get("starts_at", training_class.starts_at) != training_class.starts_at:
        training_class.reminders_sent_at = None  # a new time earns a new reminder
    for name, value in fields.items():
        setattr(training_class, name, value)
    _validate_and_save(training_class)
    return training_class


@transaction.atomic
def training_class_cancel(*, actor: User, training_class: TrainingClass) -> TrainingClass:
    training_class = _writable(actor, training_class)
    CLASS_FLOW.move(training_class, "cancel")
    training_class.save(update_fields=["status"])
    return training_class


@transaction.atomic
def training_class_invite(*, actor: User, training_class: TrainingClass, audience: Audience) -> int:
    """Invite every member of the group (city-wide: the city at the root) and tell each by SMS.

    Inviting a second group adds its members; nobody is invited or told twice. Returns how
    many members were newly invited.
    """
    training_class = _writable(actor, training_class, Status.SCHEDULED)
    members = audience_members(user=actor, audience=audience)
    count = insert_per_member(
        ClassInvitation, members, training_class=training_class.pk, attendance=""
    )
    reach_add(training_class, members)
    with translation.override("zh-hans"):  # stored words are Chinese, like the messages
        label = audience.label()
    if label not in training_class.audience:
        training_class.audience = "；".join(filter(None, [training_class.audience, label]))[:200]
        training_class.save(update_fields=["audience"])
    moment = timezone.localtime(training_class.starts_at)
    occasion = f"class:{training_class.pk}:invite:{moment:%Y%m%d%H%M}"
    _send(training_class, INVITATION_KIND, occasion, actor)
    return count


# --- The reminder an hour before ------------------------------------------------------------


def classes_remind(*, now: datetime.datetime | None = None) -> int:
    """Remind the invitees of every scheduled class starting within the hour, once per class.

    Each class is taken under a row lock skipping locked rows and checked again, so two workers
    running this at once never both remind one class (and the outbox key would refuse a second
    message anyway). Returns how many classes were reminded.
    """
    now = now or timezone.now()
    due = TrainingClass.objects.filter(
        status=Status.SCHEDULED,
        reminders_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    )
    return sum(
        training_class_remind(class_id=pk, now=now) for pk in due.values_list("pk", flat=True)
    )


@transaction.atomic
def training_class_remind(*, class_id: int, now: datetime.datetime) -> bool:
    training_class = (
        TrainingClass.objects.select_for_update(skip_locked=True)
        .select_related("organization")
        .filter(pk=class_id, status=Status.SCHEDULED, reminders_sent_at__isnull=True)
        .first()
    )
    if training_class is None:
        return False  # reminded meanwhile, or another worker holds it
    moment = timezone.localtime(training_class.starts_at)
    _send(training_class, REMINDER_KIND, f"class:{class_id}:remind:{moment:%Y%m%d%H%M}", None)
    training_class.reminders_sent_at = now
    training_class.save(update_fields=["reminders_sent_at"])
    return True


def _send(training_class: TrainingClass, kind, occasion: str, actor: User | None) -> None:
    """An SMS per invitee (see ``education.messages``)."""
    send_per_member(
        kind=kind,
        occasion=occasion,
        organization=training_class.organization,
        member_ids=training_class.invitations.values("member_id"),
        actor=actor,
        title=training_class.title,
        time=f"{timezone.localtime(training_class.starts_at):%Y-%m-%d %H:%M}",
        link=training_class.meeting_link,
    )


# --- Attendance -------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    training_class: TrainingClass,
    entries: Iterable[AttendanceEntry],
    today: datetime.date | None = None,
) -> dict[str, int]:
    """Save a sheet of attendance: joined members are credited the class's hours, members
    changed to absent (or cleared) have them taken back; the class becomes held."""
    training_class = _writable(actor, training_class)
    if training_class.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the class has begun."))
    entries = _checked(training_class, list(entries))
    rows = {
        row.member_id: row
        for row in training_class.invitations.filter(member_id__in=[e.member_id for e in entries])
    }
    changed = [
        _apply(rows[e.member_id], e, actor)
        for e in entries
        if (rows[e.member_id].attendance, rows[e.member_id].minutes) != (e.attendance, e.minutes)
    ]
    bulk_update_with_history(
        changed, ClassInvitation, ["attendance", "minutes", "recorded_by", "recorded_at"]
    )
    joined = [row.member_id for row in changed if row.attendance == Attendance.JOINED]
    others = [row.member_id for row in changed if row.attendance != Attendance.JOINED]
    hours_credit(
        member_ids=joined,
        source=Source.CLASS,
        source_id=training_class.pk,
        hours=training_class.hours,
        studied_on=today or timezone.localtime(training_class.starts_at).date(),
        description=training_class.title,
    )
    hours_withdraw(member_ids=others, source=Source.CLASS, source_id=training_class.pk)
    CLASS_FLOW.move(training_class, "hold")
    training_class.save(update_fields=["status"])
    return {"changed": len(changed), "joined": len(joined), "not_joined": len(others)}


def _checked(training_class: TrainingClass, entries: list[AttendanceEntry]) -> list:
    invited = set(
        training_class.invitations.filter(member_id__in=[e.member_id for e in entries]).values_list(
            "member_id", flat=True
        )
    )
    if any(e.member_id not in invited for e in entries):
        raise ValidationError({"entries": _("Only invited members can be recorded.")})
    if any(e.attendance not in Attendance.values for e in entries):
        raise ValidationError({"entries": _("Choose joined or absent.")})
    return [
        AttendanceEntry(e.member_id, e.attendance, e.minutes if e.attendance else None)
        for e in entries
    ]


def _apply(row: ClassInvitation, entry: AttendanceEntry, actor: User) -> ClassInvitation:
    row.attendance, row.minutes = entry.attendance, entry.minutes
    row.recorded_by, row.recorded_at = actor, timezone.now()
    return row


# --- Helpers ----------------------------------------------------------------------------------


def _writable(actor: User, training_class: TrainingClass, *statuses: str) -> TrainingClass:
    training_class = lock(training_class, "organization")
    ensure_can_write(actor, training_class)
    if statuses and training_class.status not in statuses:
        raise ValidationError(
            _("The class is %(status)s; this is no longer possible.")
            % {"status": training_class.get_status_display()}
        )
    return training_class


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = fields.keys() - CLASS_FIELDS
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")


def _validate_and_save(training_class: TrainingClass) -> None:
    training_class.full_clean(exclude=["organization", "created_by"])
    training_class.save()


# --- The meeting platform's export ------------------------------------------------------------


@transaction.atomic
def attendance_import(
    *, actor: User, training_class: TrainingClass, upload, today: datetime.date | None = None
) -> dict[str, int]:
    """Record attendance from the platform's export: those listed joined (with their minutes),
    the other invitees were absent. Every bad row is reported (row number and reason) in one
    ``ValidationError`` and nothing is recorded unless the whole file is clean."""
    training_class = _writable(actor, training_class)
    sheet = imports.read_sheet(upload)
    if sheet.errors:
        raise ValidationError({"file": sheet.errors})
    joined, errors = _match_rows(training_class, sheet.rows)
    if errors:
        raise ValidationError({"file": errors})
    entries = [AttendanceEntry(pk, Attendance.JOINED, minutes) for pk, minutes in joined.items()]
    absent = training_class.invitations.exclude(member_id__in=list(joined))
    entries += [
        AttendanceEntry(pk, Attendance.ABSENT) for pk in absent.values_list("member_id", flat=True)
    ]
    return attendance_record(
        actor=actor, training_class=training_class, entries=entries, today=today
    )


def _match_rows(training_class: TrainingClass, rows: list) -> tuple[dict[int, int], list[str]]:
    """Invited member id → minutes for each row, and the rows' errors in words."""
    phones = [_digits(values[imports.PHONE]) for _number, values in rows]
    invited = {
        phone: (member_id, name)
        for member_id, phone, name in training_class.invitations.filter(
            member__phone__in=phones
        ).values_list("member_id", "member__phone", "member__name")
    }
    joined, errors = {}, []
    for number, values in rows:
        problem, found = _row_problem(values, invited, joined)
        if problem:
            errors.append(_("Row %(row)d: %(reason)s") % {"row": number, "reason": problem})
        else:
            joined[found[0]] = found[1]
    return joined, errors


def _row_problem(values: dict, invited: dict, joined: dict) -> tuple[str, tuple | None]:
    phone = _digits(values[imports.PHONE])
    if not phone:
        return _("the mobile phone number is missing."), None
    if phone not in invited:
        return _("no invited member has the phone number %(phone)s.") % {"phone": phone}, None
    member_id, name = invited[phone]
    if values[imports.NAME] and values[imports.NAME] != name:
        return _("the phone number %(phone)s belongs to %(name)s, not %(given)s.") % {
            "phone": phone,
            "name": name,
            "given": values[imports.NAME],
        }, None
    minutes = imports.parse_minutes(values[imports.MINUTES])
    if minutes is None:
        return _("the minutes online are not a number of minutes."), None
    if member_id in joined:
        return _("%(name)s is listed twice.") % {"name": name}, None
    return "", (member_id, minutes)


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else digits
