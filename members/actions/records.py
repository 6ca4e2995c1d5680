"""The mobile-record workflow: outflow registration, inflow review and take-in, end.

Each transition is one atomic action: the record row is locked, the move is checked against
``TRANSITIONS``, the change and its timeline event are saved together, and the other side is
notified through the outbox in the same transaction.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.actions.files import ensure_can_write, member_create
from members.actions.record_notices import record_event_notify
from members.models import ExternalOrganization, Member, MobileRecord, Organization, User
from members.models.mobility import TRANSITIONS, RecordEvent, Side

OUTFLOW_FIELDS = {
    "activity_card_number", "original_occupation", "reason", "unit_type", "departure_date",
    "expected_months", "destination_region_code", "destination_address", "employer_name",
    "employer_contact_person", "employer_contact_phone", "employer_address",
    "employer_party_organization", "member_phone_there", "member_address_there",
    "outflow_contact_person", "outflow_contact_phone", "co_management_measures",
    "inflow_organization", "inflow_external",
}  # fmt: skip
TAKE_IN_FIELDS = {
    "taken_in_by", "inflow_date", "reported_on", "inflow_contact_person", "inflow_contact_phone",
}  # fmt: skip
CO_MANAGEMENT_FIELDS = {
    "employer_name", "employer_contact_person", "employer_contact_phone", "employer_address",
    "employer_party_organization", "co_management_measures",
}  # fmt: skip
DELETABLE = {MobileRecord.Status.DRAFT, MobileRecord.Status.WAITING}
EDITABLE_BEFORE_SUBMIT = {MobileRecord.Status.DRAFT, MobileRecord.Status.RETURNED}


class TransitionError(Exception):
    """The record is not in a state that allows this step (HTTP 409, a form error)."""


def region_scope(home_code: str, destination_code: str) -> str:
    if home_code[:4] == destination_code[:4]:
        return MobileRecord.Scope.WITHIN_CITY
    if home_code[:2] == destination_code[:2]:
        return MobileRecord.Scope.WITHIN_PROVINCE
    return MobileRecord.Scope.CROSS_PROVINCE


@transaction.atomic
def external_organization_get_or_create(
    *, name: str, region_code: str, contact_person: str = "", contact_phone: str = ""
) -> ExternalOrganization:
    """Find an organisation outside the system by name and region, or record it."""
    external = ExternalOrganization.objects.filter(
        name=name.strip(), region_code=region_code
    ).first()
    if external is None:
        external = ExternalOrganization(
            name=name.strip(), region_code=region_code,
            contact_person=contact_person, contact_phone=contact_phone,
        )  # fmt: skip
        external.full_clean()
        external.save()
    return external


@transaction.atomic
def mobile_record_create(*, actor: User, member: Member, **fields: Any) -> MobileRecord:
    """Register a departure as a draft; the member's home organisation is the outflow side."""
    ensure_can_write(actor, member.organization)
    _check_fields(fields, OUTFLOW_FIELDS)
    _ensure_no_open_record(member)
    record = MobileRecord(
        member=member, outflow_organization=member.organization, created_by=actor, **fields
    )
    # Moving on from one place to the next continues the member's mobility path.
    record.previous = member.mobile_records.filter(
        end_reason=MobileRecord.EndReason.MOVED_ON, next__isnull=True
    ).first()
    _validate_and_save(record)
    log_event(record, actor, kind=RecordEvent.Kind.NOTE, text=_("Registration drafted"))
    return record


@transaction.atomic
def mobile_record_update(*, actor: User, record: MobileRecord, **fields: Any) -> MobileRecord:
    """Change the outflow side's registration; only while it is a draft or returned."""
    record = _locked(record)
    acting_side(actor, record, Side.OUTFLOW)
    _check_fields(fields, OUTFLOW_FIELDS)
    if record.status not in EDITABLE_BEFORE_SUBMIT:
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
    _check_fields(fields, OUTFLOW_FIELDS - {"inflow_organization", "inflow_external"})
    _ensure_no_open_record(member)
    record = MobileRecord(
        member=member,
        outflow_external=outflow_external,
        inflow_organization=receiving_organization,
        initiated_by_inflow=True,
        created_by=actor,
        status=MobileRecord.Status.WAITING,
        submitted_at=timezone.now(),
        **fields,
    )
    _validate_and_save(record)
    log_event(record, actor, transition="submit", from_status="", side=Side.INFLOW,
         text=_("Registered by the inflow side"))  # fmt: skip
    _set_member_status(record.member, Member.Status.MOBILE)
    return record


def mobile_record_submit(*, actor: User, record: MobileRecord) -> MobileRecord:
    """Send the registration to its inflow organisation, or register it without one."""
    name = (
        "submit"
        if (record.inflow_organization_id or record.inflow_external_id)
        else ("register_no_inflow")
    )
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
    return _transition(
        actor=actor, record=record, name="return", changes={"returned_reason": reason.strip()},
        text=reason.strip(),
    )  # fmt: skip


def mobile_record_resubmit(
    *, actor: User, record: MobileRecord, note: str = "", **fields: Any
) -> MobileRecord:
    _check_fields(fields, OUTFLOW_FIELDS)
    return _transition(actor=actor, record=record, name="resubmit", changes=fields, text=note)


def mobile_record_take_in(*, actor: User, record: MobileRecord, **fields: Any) -> MobileRecord:
    """The inflow side takes the member in (接收纳管): its branch, the date, a contact person."""
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
    return _transition(actor=actor, record=record, name="take_in", changes=fields)


def mobile_record_end(
    *, actor: User, record: MobileRecord, end_reason: str, ended_on: datetime.date | None = None,
    note: str = "",
) -> MobileRecord:  # fmt: skip
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
    record = _locked(record)
    side = acting_side(actor, record, Side.EITHER)
    _check_fields(fields, CO_MANAGEMENT_FIELDS)
    changed = [name for name, value in fields.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, fields[name])
    _validate_and_save(record)
    if changed:
        labels = ", ".join(str(MobileRecord._meta.get_field(name).verbose_name) for name in changed)
        event = log_event(record, actor, kind=RecordEvent.Kind.NOTE, side=side,
                     text=_("Co-management updated: %(fields)s") % {"fields": labels})  # fmt: skip
        record_event_notify(record, event)
    return record


@transaction.atomic
def mobile_record_add_note(
    *, actor: User, record: MobileRecord, text: str, kind: str = RecordEvent.Kind.NOTE
) -> RecordEvent:
    """A note from either side (co-management, contact) in the record's timeline."""
    record = _locked(record)
    side = acting_side(actor, record, Side.EITHER)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    event = log_event(record, actor, kind=kind, side=side, text=text.strip())
    record_event_notify(record, event)
    return event


@transaction.atomic
def mobile_record_delete(*, actor: User, record: MobileRecord) -> None:
    """Delete a registration; only while nobody has taken the member in (draft or waiting)."""
    record = _locked(record)
    acting_side(actor, record, Side.OUTFLOW)
    if record.status not in DELETABLE:
        raise TransitionError(_("Only a draft or a registration waiting to report can be deleted."))
    record.events.all().delete()
    record.delete()


@transaction.atomic
def _transition(
    *, actor: User, record: MobileRecord, name: str, changes: dict[str, Any], text: str = ""
) -> MobileRecord:
    record = _locked(record)
    transition = TRANSITIONS[name]
    side = acting_side(actor, record, transition.side)
    if record.status not in transition.sources:
        raise TransitionError(
            _("This registration is now “%(status)s”; “%(step)s” is not possible.")
            % {"status": record.get_status_display(), "step": transition.label}
        )
    _guard_other_side_fields(record, side, changes)
    from_status = record.status
    for field, value in changes.items():
        setattr(record, field, value)
    record.status = transition.target
    if name in {"submit", "resubmit", "assign_inflow"}:
        record.submitted_at = timezone.now()
    if transition.target == MobileRecord.Status.WAITING:
        _require_inflow(record)
    _validate_and_save(record)
    event = log_event(record, actor, transition=name, from_status=from_status, side=side, text=text)
    _sync_member_status(record)
    record_event_notify(record, event)
    return record


def _locked(record: MobileRecord) -> MobileRecord:
    return MobileRecord.objects.select_for_update().select_related("member").get(pk=record.pk)


def acting_side(actor: User, record: MobileRecord, side: str) -> str:
    """Return the side the actor acts for, or raise ``PermissionDenied``."""
    sides = [Side.OUTFLOW, Side.INFLOW] if side == Side.EITHER else [side]
    writable = Organization.objects.visible_to(actor, for_write=True)
    for candidate in sides:
        organization = record.side_organization(candidate)
        if organization and writable.filter(pk=organization.pk).exists():
            return candidate
    if side == Side.EITHER:
        raise PermissionDenied(_("Only secretaries of the outflow or inflow side may do this."))
    raise PermissionDenied(_("Only the %(side)s may do this.") % {"side": Side(side).label})


def _guard_other_side_fields(record: MobileRecord, side: str, changes: dict[str, Any]) -> None:
    """Neither side may change the other side's organisation."""
    own = OUTFLOW_FIELDS if side == Side.OUTFLOW else TAKE_IN_FIELDS | {"returned_reason"}
    foreign = changes.keys() - own - {"end_reason", "ended_on"}
    if foreign:
        raise PermissionDenied(_("The other side's part of the registration cannot be changed."))
    taken_in_by = changes.get("taken_in_by")
    inflow = record.side_organization(Side.INFLOW)
    if taken_in_by is not None and inflow is not None and not taken_in_by.is_within(inflow):
        raise ValidationError(
            {"taken_in_by": _("The receiving branch must belong to the inflow organisation.")}
        )


def _require_inflow(record: MobileRecord) -> None:
    if not (record.inflow_organization_id or record.inflow_external_id):
        raise ValidationError({"inflow_organization": _("Choose the inflow organisation.")})
    if (
        record.inflow_organization_id
        and record.inflow_organization_id == record.outflow_organization_id
    ):
        raise ValidationError(
            {"inflow_organization": _("The inflow organisation must differ from the home one.")}
        )


def _ensure_no_open_record(member: Member) -> None:
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
    record.save()


def log_event(record, actor, *, kind=RecordEvent.Kind.TRANSITION, transition="", from_status="",
         side="", text="") -> RecordEvent:  # fmt: skip
    return RecordEvent.objects.create(
        record=record, kind=kind, transition=transition, from_status=from_status,
        to_status=record.status if kind == RecordEvent.Kind.TRANSITION else "",
        side=side, text=text, actor=actor,
    )  # fmt: skip


def _sync_member_status(record: MobileRecord) -> None:
    if record.status == MobileRecord.Status.ENDED:
        status = {
            MobileRecord.EndReason.RETURNED_HOME: Member.Status.ACTIVE,
            MobileRecord.EndReason.TRANSFERRED: Member.Status.TRANSFERRED,
        }.get(record.end_reason, Member.Status.MOBILE)
    else:
        status = Member.Status.MOBILE
    _set_member_status(record.member, status)


def _set_member_status(member: Member, status: str) -> None:
    if member.status != status:
        member.status = status
        member.save(update_fields=["status", "updated_at"])
