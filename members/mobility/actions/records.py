"""The mobile-record workflow: outflow registration, inflow review and take-in, end.

Every status change is a transition declared in ``WORKFLOW`` and made by one atomic action: the
record row is locked, the acting side checked, the move checked against the table, the change
and its timeline event saved together, and the other side notified through the outbox in the
same transaction.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.files.actions import member_create
from members.files.models import Member
from members.mobility.actions.notices import record_event_notify
from members.mobility.actions.sides import (
    CO_MANAGEMENT_FIELDS,
    OUTFLOW_FIELDS,
    TAKE_IN_FIELDS,
    acting_side,
    ensure_in_system,
)
from members.mobility.models import WORKFLOW, MobileRecord, RecordEvent, Side, records_changed
from members.organizations.models import ExternalOrganization, Organization, User
from members.scoping import ensure_can_write
from members.workflow import TransitionError, lock

DELETE_REFUSED = gettext_lazy(
    "Only a draft can be deleted; a submitted registration is ended instead."
)
SUBMITTING = {"submit", "resubmit", "assign_inflow", "register_arrival"}


def region_scope(home_code: str, destination_code: str) -> str:
    if home_code[:4] == destination_code[:4]:
        return MobileRecord.Scope.WITHIN_CITY
    if home_code[:2] == destination_code[:2]:
        return MobileRecord.Scope.WITHIN_PROVINCE
    return MobileRecord.Scope.CROSS_PROVINCE


@transaction.atomic
def mobile_record_create(*, actor: User, member: Member, **fields: Any) -> MobileRecord:
    """Register a departure as a draft; the member's home organisation is the outflow side."""
    member = lock(member)
    ensure_can_write(actor, member)
    _check_fields(fields, OUTFLOW_FIELDS)
    _ensure_no_open_record(member)
    record = MobileRecord(
        member=member, outflow_organization=member.organization, created_by=actor, **fields
    )
    # Moving on from one place to the next continues the member's mobility path.
    record.previous = member.mobile_records.filter(
        end_reason=MobileRecord.EndReason.MOVED_ON, next__isnull=True
    ).first()
    from_status = WORKFLOW.move(record, "draft")
    _validate_and_save(record)
    log_event(record, actor, transition="draft", from_status=from_status, side=Side.OUTFLOW)
    return record


@transaction.atomic
def mobile_record_update(*, actor: User, record: MobileRecord, **fields: Any) -> MobileRecord:
    """Change the outflow side's registration; only while it is a draft or returned."""
    record = lock(record, "member")
    acting_side(actor, record, Side.OUTFLOW)
    _check_fields(fields, OUTFLOW_FIELDS)
    if record.status not in MobileRecord.EDITABLE_STATUSES:
        raise TransitionError(
            _("The registration can only be changed while it is a draft or returned.")
        )
    for name, value in fields.items():
        setattr(record, name, value)
    _validate_and_save(record)
    return record


@transaction.atomic
def mobile_record_register_inflow(
    *,
    actor: User,
    receiving_organization: Organization,
    outflow_external: ExternalOrganization,
    member: Member | None = None,
    member_fields: dict[str, Any] | None = None,
    **fields: Any,
) -> MobileRecord:
    """The inflow side registers a member arriving from outside the system (story 1).

    The file is opened in the receiving organisation with the membership marked as held by
    the external organisation; the record waits for report-in like any other.
    """
    ensure_can_write(actor, receiving_organization)
    if member is None:
        member = member_create(
            actor=actor,
            organization=receiving_organization,
            home_external=outflow_external,
            **(member_fields or {}),
        )
    member = lock(member)
    _check_fields(fields, OUTFLOW_FIELDS - {"inflow_organization", "inflow_external"})
    _ensure_no_open_record(member)
    record = MobileRecord(
        member=member,
        outflow_external=outflow_external,
        inflow_organization=receiving_organization,
        initiated_by_inflow=True,
        created_by=actor,
        **fields,
    )
    from_status = WORKFLOW.move(record, "register_arrival")
    record.submitted_at = timezone.now()
    _validate_and_save(record)
    log_event(
        record, actor, transition="register_arrival", from_status=from_status, side=Side.INFLOW
    )
    _refresh_member_status(record.member)
    return record


def mobile_record_submit(*, actor: User, record: MobileRecord) -> MobileRecord:
    """Send the registration to its inflow organisation, or register it without one."""
    has_inflow = record.inflow_organization_id or record.inflow_external_id
    name = "submit" if has_inflow else "register_no_inflow"
    return _transition(actor=actor, record=record, name=name, changes={})


def mobile_record_assign_inflow(
    *, actor: User, record: MobileRecord, inflow_organization=None, inflow_external=None
) -> MobileRecord:
    changes = {"inflow_organization": inflow_organization, "inflow_external": inflow_external}
    return _transition(actor=actor, record=record, name="assign_inflow", changes=changes)


def mobile_record_return(*, actor: User, record: MobileRecord, reason: str) -> MobileRecord:
    """The inflow side sends the registration back, saying why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the registration is returned.")})
    changes = {"returned_reason": reason.strip()}
    return _transition(
        actor=actor, record=record, name="return", changes=changes, text=reason.strip()
    )


def mobile_record_resubmit(
    *, actor: User, record: MobileRecord, note: str = "", **fields: Any
) -> MobileRecord:
    _check_fields(fields, OUTFLOW_FIELDS)
    return _transition(actor=actor, record=record, name="resubmit", changes=fields, text=note)


def mobile_record_take_in(
    *, actor: User, record: MobileRecord, on_behalf: bool = False, **fields: Any
) -> MobileRecord:
    """The inflow side takes the member in (接收纳管): its branch, the date, a contact person.

    ``on_behalf``: the home side records that a host outside the system took the member in,
    on that host's word (its return slip); no page offers this as a step.
    """
    _check_fields(fields, TAKE_IN_FIELDS)
    today = timezone.localdate()
    fields.setdefault("inflow_date", today)
    fields.setdefault("reported_on", fields["inflow_date"])
    errors = {}
    for name in ("inflow_date", "reported_on"):
        if fields[name] and fields[name] > today:
            errors[name] = _("The date cannot be in the future.")
    if not fields.get("inflow_contact_person"):
        errors["inflow_contact_person"] = _("Name the inflow side's contact person.")
    if errors:
        raise ValidationError(errors)
    return _transition(
        actor=actor, record=record, name="take_in", changes=fields, on_behalf=on_behalf
    )


def mobile_record_end(
    *,
    actor: User,
    record: MobileRecord,
    end_reason: str,
    ended_on: datetime.date | None = None,
    note: str = "",
) -> MobileRecord:
    """End the period away: returned home, moved on (then register anew) or transferred."""
    if end_reason not in MobileRecord.EndReason.values:
        raise ValidationError({"end_reason": _("Choose why the period away ended.")})
    changes = {"end_reason": end_reason, "ended_on": ended_on or timezone.localdate()}
    return _transition(actor=actor, record=record, name="end", changes=changes, text=note)


@transaction.atomic
def mobile_record_set_co_management(
    *, actor: User, record: MobileRecord, **fields: Any
) -> MobileRecord:
    """Either side keeps the employer contact and the agreed measures (三向共管) current."""
    record = lock(record, "member")
    side = acting_side(actor, record, Side.EITHER)
    _check_fields(fields, CO_MANAGEMENT_FIELDS)
    changed = [name for name, value in fields.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, fields[name])
    _validate_and_save(record)
    if changed:
        labels = ", ".join(str(MobileRecord._meta.get_field(name).verbose_name) for name in changed)
        text = _("Co-management updated: %(fields)s") % {"fields": labels}
        event = log_event(record, actor, kind=RecordEvent.Kind.NOTE, side=side, text=text)
        record_event_notify(record, event)
    return record


@transaction.atomic
def mobile_record_add_note(
    *, actor: User, record: MobileRecord, text: str, kind: str = RecordEvent.Kind.NOTE
) -> RecordEvent:
    """A note from either side (co-management, contact) in the record's timeline."""
    record = lock(record, "member")
    side = acting_side(actor, record, Side.EITHER)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    event = log_event(record, actor, kind=kind, side=side, text=text.strip())
    record_event_notify(record, event)
    return event


@transaction.atomic
def mobile_record_delete(*, actor: User, record: MobileRecord) -> None:
    """Delete a draft; a submitted registration has reached the other side and is ended."""
    record = lock(record, "member")
    acting_side(actor, record, Side.OUTFLOW)
    if record.status not in MobileRecord.DELETABLE_STATUSES:
        raise TransitionError(DELETE_REFUSED)
    record.events.all().delete()
    try:
        with transaction.atomic():
            record.delete()
    except ProtectedError:  # a letter or a later period refers to it
        raise TransitionError(
            _("Other entries refer to this registration; end it instead of deleting it.")
        ) from None
    _refresh_member_status(record.member)


@transaction.atomic
def _transition(
    *,
    actor: User,
    record: MobileRecord,
    name: str,
    changes: dict[str, Any],
    text: str = "",
    on_behalf: bool = False,
) -> MobileRecord:
    """Make one step of the table. ``on_behalf``: a step the system records for a side
    outside it from that side's own word (the return slip), which pages do not offer."""
    record = lock(record, "member")
    transition = WORKFLOW[name]
    side = acting_side(actor, record, transition.actor)
    if not on_behalf:
        ensure_in_system(record, name)
    other = Side.INFLOW if side == Side.OUTFLOW else Side.OUTFLOW
    # Told after the move, but the side that acted for it before (an ended record has no host).
    counterpart = record.side_organization(other)
    from_status = WORKFLOW.move(record, name)
    _guard_other_side_fields(record, side, changes)
    for field, value in changes.items():
        setattr(record, field, value)
    if name in SUBMITTING:
        record.submitted_at = timezone.now()
    if record.status == MobileRecord.Status.WAITING:
        _require_inflow(record)
    _validate_and_save(record)
    event = log_event(record, actor, transition=name, from_status=from_status, side=side, text=text)
    _refresh_member_status(record.member)
    record_event_notify(record, event, organization=counterpart or record.side_organization(other))
    return record


def _guard_other_side_fields(record: MobileRecord, side: str, changes: dict[str, Any]) -> None:
    """Neither side may change the other side's organisation."""
    own = OUTFLOW_FIELDS if side == Side.OUTFLOW else TAKE_IN_FIELDS | {"returned_reason"}
    foreign = changes.keys() - own - {"end_reason", "ended_on"}
    if foreign:
        raise PermissionDenied(_("The other side's part of the registration cannot be changed."))
    taken_in_by = changes.get("taken_in_by")
    inflow = record.inflow_organization or record.side_organization(Side.INFLOW)
    if taken_in_by is not None and inflow is not None and not taken_in_by.is_within(inflow):
        raise ValidationError(
            {"taken_in_by": _("The receiving branch must belong to the inflow organisation.")}
        )


def _require_inflow(record: MobileRecord) -> None:
    if not (record.inflow_organization_id or record.inflow_external_id):
        raise ValidationError({"inflow_organization": _("Choose the inflow organisation.")})
    if errors := _inflow_check(record):
        raise ValidationError(errors)


def _inflow_check(record: MobileRecord) -> dict[str, str]:
    if (
        record.inflow_organization_id
        and record.inflow_organization_id == record.outflow_organization_id
    ):
        return {"inflow_organization": _("The inflow organisation must differ from the home one.")}
    return {}


REGISTRATION_LINKS = [
    "member",
    "previous",
    "created_by",
    *(f"{side}_{kind}" for side in ("inflow", "outflow") for kind in ("organization", "external")),
    "taken_in_by",
]


def mobile_record_registration_check(record: MobileRecord) -> dict[str, list[str]]:
    """The registration's own rules that need no database, field → messages: every field as
    the model declares it and an inflow organisation other than the home one. The import's
    dry run asks this of each row; the actions check the same when they save."""
    errors: dict[str, list[str]] = {}
    try:
        record.clean_fields(exclude=REGISTRATION_LINKS)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name, message in _inflow_check(record).items():
        errors.setdefault(name, []).append(message)
    return errors


def _ensure_no_open_record(member: Member) -> None:
    """Callers hold the member's row lock, so two registrations cannot both pass this."""
    if member.mobile_records.exclude(status=MobileRecord.Status.ENDED).exists():
        raise ValidationError(
            {"member": _("This member already has an open registration; end it first.")}
        )


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = fields.keys() - allowed
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")


def _validate_and_save(record: MobileRecord) -> None:
    home = record.outflow_organization or record.outflow_external or record.member.organization
    if record.destination_region_code:
        record.scope = region_scope(home.region_code, record.destination_region_code)
    record.full_clean(exclude=["member", "previous", "created_by"])
    record.scope_paths_set()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError(
            {"member": _("This member already has an open registration; end it first.")}
        ) from None
    records_changed([record.pk])


def log_event(
    record: MobileRecord,
    actor: User | None,
    *,
    kind: str = RecordEvent.Kind.TRANSITION,
    transition: str = "",
    from_status: str = "",
    side: str = "",
    text: str = "",
) -> RecordEvent:
    """Add an entry to the record's timeline (a transition, a note, a contact)."""
    return RecordEvent.objects.create(
        record=record,
        kind=kind,
        transition=transition,
        from_status=from_status,
        to_status=record.status if kind == RecordEvent.Kind.TRANSITION else "",
        side=side,
        text=text,
        actor=actor,
    )


def _refresh_member_status(member: Member) -> None:
    """The member's derived status, and the host of the open period (for scoping)."""
    before = (member.status, member.host_path)
    member.refresh_status()
    open_record = member.mobile_records.exclude(status=MobileRecord.Status.ENDED).first()
    member.host_path = open_record.host_path if open_record is not None else ""
    if (member.status, member.host_path) != before:
        member.save(update_fields=["status", "host_path", "updated_at"])
