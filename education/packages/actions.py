"""Every write of study packages: packages, dispatches, shipment steps (tracking import in
``tracking.py``). Steps lock the shipment, move it through the declared workflow, keep
its timestamps and history, and tell the member by SMS when the parcel is sent."""

import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from education.audience import Audience, audience_members
from education.packages.models import Dispatch, PackageItem, Shipment, StudyPackage
from education.packages.selectors import (
    default_addresses,
    package_queryset,
    shipment_can_write,
)
from education.packages.sms import package_sent_queue
from education.packages.workflow import SHIPMENT_WORKFLOW
from education.reach import reach_add
from members.files.models import Member
from members.organizations.models import Organization, User
from members.scoping import ensure_can_write
from members.workflow import lock

TRACKING_PATTERN = re.compile(r"^[A-Za-z0-9-]{6,30}$")
MAX_ITEMS = 30


@transaction.atomic
def package_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    items: Sequence[tuple[str, int]],
    description: str = "",
) -> StudyPackage:
    """A package owned by the organisation, with its items (title, quantity)."""
    ensure_can_write(actor, organization)
    items = [(title.strip(), quantity) for title, quantity in items if title.strip()]
    if not items:
        raise ValidationError({"items": _("List at least one item of the package.")})
    if len(items) > MAX_ITEMS or any(not 1 <= quantity <= 999 for _t, quantity in items):
        raise ValidationError({"items": _("At most 30 items, each 1 to 999 copies.")})
    package = StudyPackage(organization=organization, name=name.strip(), description=description)
    package.full_clean()
    package.save()
    PackageItem.objects.bulk_create(
        PackageItem(package=package, title=title[:200], quantity=quantity)
        for title, quantity in items
    )
    return package


@transaction.atomic
def dispatch_create(
    *,
    actor: User,
    package: StudyPackage,
    title: str,
    audience: Audience | None = None,
    organization: Organization | None = None,
    member_ids: Iterable[int] | None = None,
) -> Dispatch:
    """Send the package to a group (``audience``) or to chosen members of the organisation
    (``member_ids``): one shipment per current member in the actor's write scope, addressed
    where the member lives now (editable on each shipment until it is sent)."""
    if not package_queryset(user=actor).filter(pk=package.pk).exists():
        raise PermissionDenied(_("You may not use this package."))
    if audience is not None:
        organization = audience.organization
        members = audience_members(user=actor, audience=audience)
        label = audience.label()
    else:
        if organization is None:
            raise ValidationError({"organization": _("Choose who sends the package.")})
        ensure_can_write(actor, organization)
        members, label = _chosen_members(actor, list(member_ids or [])), ""
    ids = list(members.order_by("pk").values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("No members to send the package to."))
    dispatch = Dispatch(
        package=package,
        organization=organization,
        title=title.strip(),
        audience=label[:200],
        created_by=actor,
    )
    dispatch.full_clean(exclude=["package", "organization", "created_by"])
    dispatch.save()
    addresses = default_addresses(ids)
    shipments = [
        Shipment(dispatch=dispatch, member_id=pk, address=addresses.get(pk, "")) for pk in ids
    ]
    bulk_create_with_history(shipments, Shipment, batch_size=500, default_user=actor)
    reach_add(dispatch, Member.objects.filter(pk__in=ids))
    return dispatch


def _chosen_members(actor: User, member_ids: list[int]):
    members = Member.objects.visible_to(actor, for_write=True).filter(
        pk__in=member_ids, status__in=Member.CURRENT_STATUSES
    )
    if members.count() != len(set(member_ids)):
        raise ValidationError(
            {"members": _("Some of the chosen members are not current members you manage.")}
        )
    return members


def _locked(actor: User | None, shipment: Shipment) -> Shipment:
    shipment = lock(shipment, "dispatch__organization", "member")
    if actor is not None and not shipment_can_write(actor, shipment):
        raise PermissionDenied(_("You may not change this shipment."))
    return shipment


@transaction.atomic
def shipment_update_address(*, actor: User, shipment: Shipment, address: str) -> Shipment:
    """Correct the postal address before the parcel leaves."""
    shipment = _locked(actor, shipment)
    if shipment.status != Shipment.Status.TO_PACK:
        raise ValidationError({"address": _("The parcel has left; its address stays.")})
    shipment.address = _address(address)
    shipment.save(update_fields=["address"])
    return shipment


def _address(address: str) -> str:
    address = " ".join(address.split())
    if len(address) < 5 or len(address) > 300:
        raise ValidationError({"address": _("Give the full postal address (5 to 300 characters).")})
    return address


def tracking_check(courier: str, tracking_number: str) -> dict[str, str]:
    """The field errors of a courier and tracking number (empty when both are good)."""
    errors = {}
    if not courier.strip():
        errors["courier"] = _("Give the courier.")
    elif len(courier.strip()) > 50:
        errors["courier"] = _("At most 50 characters.")
    if not tracking_number.strip():
        errors["tracking_number"] = _("Give the tracking number.")
    elif not TRACKING_PATTERN.match(tracking_number.strip()):
        errors["tracking_number"] = _("A tracking number is 6 to 30 letters, digits or dashes.")
    return errors


@transaction.atomic
def shipment_send(
    *, actor: User, shipment: Shipment, courier: str, tracking_number: str
) -> Shipment:
    """To pack → sent, with the courier and tracking number; the member gets an SMS."""
    shipment = _locked(actor, shipment)
    return shipment_send_locked(actor, shipment, courier, tracking_number)


def shipment_send_locked(actor, shipment: Shipment, courier: str, tracking: str) -> Shipment:
    """The step on a row the caller locked (the import locks a dispatch's rows at once)."""
    if errors := tracking_check(courier, tracking):
        raise ValidationError(errors)
    if not shipment.address:
        raise ValidationError({"address": _("Give the postal address first.")})
    SHIPMENT_WORKFLOW.move(shipment, "send")
    shipment.courier, shipment.tracking_number = courier.strip(), tracking.strip()
    shipment.sent_at = timezone.now()
    shipment._history_user = actor
    shipment.save()
    package_sent_queue(shipment, sender=actor)
    return shipment


def shipment_correct_locked(actor, shipment: Shipment, courier: str, tracking: str) -> Shipment:
    """A sent parcel's tracking number corrected (by import): the member hears the new one."""
    if shipment.status != Shipment.Status.SENT:
        raise ValidationError(_("Only a parcel on its way can get another tracking number."))
    shipment.courier, shipment.tracking_number = courier.strip(), tracking.strip()
    shipment._history_user = actor
    shipment.save(update_fields=["courier", "tracking_number"])
    package_sent_queue(shipment, sender=actor)
    return shipment


@transaction.atomic
def shipment_deliver(*, actor: User, shipment: Shipment) -> Shipment:
    """Sent → delivered (the courier's tracking says so)."""
    shipment = _locked(actor, shipment)
    SHIPMENT_WORKFLOW.move(shipment, "deliver")
    shipment.delivered_at = timezone.now()
    shipment._history_user = actor
    shipment.save()
    return shipment


@transaction.atomic
def shipment_receive(*, actor: User | None, shipment: Shipment, member: Member | None = None):
    """Sent or delivered → received: by the member through the link (``member`` given, no
    actor), or by a secretary on the member's word."""
    shipment = _locked(actor, shipment)
    if member is not None and shipment.member_id != member.pk:
        raise PermissionDenied(_("This parcel is not yours."))
    if actor is None and member is None:
        raise PermissionDenied(_("Only the member or a secretary confirms receipt."))
    SHIPMENT_WORKFLOW.move(shipment, "receive")
    shipment.received_at = timezone.now()
    if actor is None:
        shipment.note = _("Confirmed by the member on the phone page.")[:200]
    shipment._history_user = actor
    shipment.save()
    return shipment


@transaction.atomic
def shipment_return(*, actor: User, shipment: Shipment, reason: str) -> Shipment:
    """Sent or delivered → returned, saying why (wrong address, refused, not collected)."""
    shipment = _locked(actor, shipment)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the parcel came back.")})
    SHIPMENT_WORKFLOW.move(shipment, "return")
    shipment.note = reason[:200]
    shipment._history_user = actor
    shipment.save()
    return shipment


@transaction.atomic
def shipment_resend(*, actor: User, shipment: Shipment, address: str) -> Shipment:
    """Returned → to pack, with the corrected address; the old tracking number is cleared
    (a new parcel gets a new one)."""
    shipment = _locked(actor, shipment)
    SHIPMENT_WORKFLOW.move(shipment, "resend")
    shipment.address = _address(address)
    shipment.courier = shipment.tracking_number = ""
    shipment.sent_at = shipment.delivered_at = None
    shipment._history_user = actor
    shipment.save()
    return shipment
