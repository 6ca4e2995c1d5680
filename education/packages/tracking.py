"""Tracking numbers from a spreadsheet: every row checked, nothing applied unless all are good.

A row names its parcel by 运单序号 (the shipment's id), else by 手机号, else by 姓名 alone when
no one else in the dispatch bears it; a name given with either must match. The whole file is
checked against the dispatch's rows locked for the import; a clean file marks its parcels sent
(each member gets the SMS), corrects numbers of parcels still on their way, and leaves rows
already applied as they are — importing the same file again changes nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from education.packages.actions import (
    shipment_correct_locked,
    shipment_send_locked,
    tracking_check,
)
from education.packages.models import Dispatch, Shipment
from education.packages.spreadsheets import read_rows
from members.organizations.models import User
from members.scoping import ensure_can_write
from members.workflow import lock

S = Shipment.Status
SEND, CORRECT, SAME = "send", "correct", "same"


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    sent: int = 0
    corrected: int = 0
    unchanged: int = 0
    applied: bool = False


@dataclass(frozen=True)
class _Line:
    shipment: Shipment
    courier: str
    tracking: str
    change: str


def tracking_import(*, actor: User, dispatch: Dispatch, upload, dry_run: bool = False):
    """Check the file (and apply it unless ``dry_run`` or a row is bad); ``ValidationError``
    when the file itself cannot be read, an ``ImportReport`` otherwise."""
    ensure_can_write(actor, dispatch)
    rows = read_rows(upload)
    with transaction.atomic():
        dispatch = lock(dispatch, "organization")
        shipments = list(
            Shipment.objects.select_for_update(of=("self",))
            .filter(dispatch=dispatch)
            .select_related("member", "dispatch__organization")
            .order_by("pk")
        )
        lines, errors = _check(rows, shipments)
        report = ImportReport(rows=len(rows), errors=errors)
        for line in lines:
            setattr(report, _COUNTER[line.change], getattr(report, _COUNTER[line.change]) + 1)
        if errors or dry_run:
            return report
        for line in lines:
            if line.change == SEND:
                shipment_send_locked(actor, line.shipment, line.courier, line.tracking)
            elif line.change == CORRECT:
                shipment_correct_locked(actor, line.shipment, line.courier, line.tracking)
        report.applied = True
        return report


_COUNTER = {SEND: "sent", CORRECT: "corrected", SAME: "unchanged"}


class _Index:
    """The dispatch's shipments by id, phone and name."""

    def __init__(self, shipments: list[Shipment]):
        self.by_id = {s.pk: s for s in shipments}
        self.by_phone = {s.member.phone: s for s in shipments if s.member.phone}
        self.by_tracking = {s.tracking_number: s.pk for s in shipments if s.tracking_number}
        self.by_name: dict[str, list[Shipment]] = {}
        for s in shipments:
            self.by_name.setdefault(s.member.name, []).append(s)

    def holder(self, tracking: str) -> int | None:
        return self.by_tracking.get(tracking)

    def find(self, values: dict[str, str]) -> Shipment:
        name, phone, ref = (
            values.get("name", ""),
            values.get("phone", ""),
            values.get("shipment", ""),
        )
        if ref:
            shipment = self.by_id.get(int(ref)) if ref.isdigit() else None
            if shipment is None:
                raise ValidationError(_("运单序号 %(ref)s is not in this dispatch.") % {"ref": ref})
        elif phone:
            shipment = self.by_phone.get(phone)
            if shipment is None:
                raise ValidationError(
                    _("No member with 手机号 %(phone)s is in this dispatch.") % {"phone": phone}
                )
        elif name:
            found = self.by_name.get(name, [])
            if len(found) != 1:
                raise ValidationError(
                    _("%(name)s is not in this dispatch.") % {"name": name}
                    if not found
                    else _("Several members are named %(name)s: give 手机号 or 运单序号.")
                    % {"name": name}
                )
            shipment = found[0]
        else:
            raise ValidationError(_("Give 运单序号, 手机号 or 姓名."))
        if name and shipment.member.name != name:
            raise ValidationError(
                _("姓名 %(name)s does not match the parcel's member %(member)s.")
                % {"name": name, "member": shipment.member.name}
            )
        return shipment


def _check(rows, shipments: list[Shipment]) -> tuple[list[_Line], list[RowError]]:
    index = _Index(shipments)
    taken = _numbers_used_elsewhere(rows, shipments)
    lines, errors = [], []
    seen_tracking: dict[str, int] = {}
    seen_shipment: dict[int, int] = {}
    for number, values in rows:
        courier, tracking = values.get("courier", ""), values.get("tracking", "")
        reasons = list(tracking_check(courier, tracking).values())
        try:
            shipment = index.find(values)
        except ValidationError as error:
            reasons.insert(0, error.messages[0])
            shipment = None
        if tracking in seen_tracking:
            reasons.append(
                _("运单号 %(tracking)s repeats row %(row)d.")
                % {"tracking": tracking, "row": seen_tracking[tracking]}
            )
        elif tracking in taken or (
            shipment is not None and index.holder(tracking) not in (None, shipment.pk)
        ):
            reasons.append(
                _("运单号 %(tracking)s is already on another parcel.") % {"tracking": tracking}
            )
        seen_tracking.setdefault(tracking, number)
        if shipment is not None:
            if shipment.pk in seen_shipment:
                reasons.append(
                    _("The same parcel as row %(row)d.") % {"row": seen_shipment[shipment.pk]}
                )
            seen_shipment.setdefault(shipment.pk, number)
            if not reasons:
                change, reason = _change(shipment, courier, tracking)
                reasons += [reason] if reason else []
        if reasons:
            errors.append(RowError(number, "；".join(str(r) for r in reasons)))
        else:
            lines.append(_Line(shipment, courier.strip(), tracking.strip(), change))
    return lines, errors


def _numbers_used_elsewhere(rows, shipments: list[Shipment]) -> set[str]:
    numbers = {values.get("tracking", "") for _n, values in rows} - {""}
    here = [s.pk for s in shipments]
    used = Shipment.objects.filter(tracking_number__in=numbers).exclude(pk__in=here)
    return set(used.values_list("tracking_number", flat=True))


def _change(shipment: Shipment, courier: str, tracking: str) -> tuple[str, str]:
    """What the row does to the parcel, or why it may not."""
    same = (shipment.courier, shipment.tracking_number) == (courier.strip(), tracking.strip())
    if shipment.status == S.TO_PACK:
        if not shipment.address:
            return "", _("The parcel has no postal address yet.")
        return SEND, ""
    if shipment.status in (S.SENT, S.DELIVERED) and same:
        return SAME, ""
    if shipment.status == S.SENT:
        return CORRECT, ""
    if shipment.status == S.RECEIVED:
        return "", _("The member has already received this parcel.")
    if shipment.status == S.RETURNED:
        return "", _("The parcel came back: send it again with a corrected address first.")
    return "", _("The parcel was delivered with another tracking number.")
