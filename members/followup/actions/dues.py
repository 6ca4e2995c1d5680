"""Dues (党费): the monthly rate and the payments, at the home or the inflow branch."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup.actions.sides import is_home_side, locked, managing_side, not_future
from members.followup.models import DuesPayment, DuesRate, record_facts_refresh
from members.followup.rules import add_months, month_start
from members.followup.selectors import dues_rate_on
from members.mobility.models import MobileRecord
from members.organizations.models import Organization, User

BACK_PAY_MONTHS = 6
QUARTER_MONTHS = 3


def _ensure_home_side(actor: User, member: Member) -> None:
    side, _record = managing_side(actor, member)
    if not is_home_side(side, member):
        raise PermissionDenied(_("Only the member's home organisation sets the dues."))


@transaction.atomic
def dues_rate_set(
    *,
    actor: User,
    member: Member,
    amount: Decimal,
    since: datetime.date,
    quarterly_consent: bool = False,
) -> DuesRate:
    """Set the monthly dues from a month on, and whether the member agreed to pay quarterly.

    Setting the same month again corrects it; the history keeps the rate it replaced.
    """
    _ensure_home_side(actor, member)
    member = locked(member)
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Enter an amount of zero or more.")})
    rate = member.dues_rates.filter(since=month_start(since)).first() or DuesRate(
        member=member, since=month_start(since)
    )
    rate.amount, rate.quarterly_consent, rate.by = amount, quarterly_consent, actor
    rate.full_clean(validate_unique=False, validate_constraints=False)
    rate.save()
    return rate


@transaction.atomic
def dues_payment_record(
    *,
    actor: User,
    member: Member,
    amount: Decimal,
    period_from: datetime.date,
    period_to: datetime.date,
    paid_on: datetime.date,
    place: str = DuesPayment.Place.HOME,
    note: str = "",
) -> DuesPayment:
    """Record dues paid for a run of months, at the home or the inflow branch.

    Back-pay reaches at most six months before the month of payment; paying ahead
    (quarterly) needs the member's recorded consent; months already paid cannot be paid twice.
    """
    _side, record = managing_side(actor, member)
    member = locked(member)
    period_from, period_to = month_start(period_from), month_start(period_to)
    _check_payment(member, amount, period_from, period_to, paid_on)
    payment = DuesPayment(
        member=member,
        amount=amount,
        period_from=period_from,
        period_to=period_to,
        paid_on=paid_on,
        place=place,
        organization=_receiving(member, record, place),
        note=note.strip(),
        recorded_by=actor,
    )
    payment.full_clean()
    payment.save()
    record_facts_refresh(member_ids=[member.pk])
    return payment


def _check_payment(member, amount, period_from, period_to, paid_on) -> None:
    if amount is None or amount <= 0:
        _refuse("amount", _("Enter an amount above zero."))
    not_future(paid_on, "paid_on")
    if period_to < period_from:
        _refuse("period_to", _("The last month cannot be before the first."))
    paid_month = month_start(paid_on)
    earliest = add_months(paid_month, -BACK_PAY_MONTHS)
    if period_from < earliest:
        message = _(
            "Back-pay covers at most 6 months before the month of payment: for a payment in "
            "%(paid)s the earliest month is %(earliest)s."
        )
        _refuse("period_from", message, paid=f"{paid_month:%Y-%m}", earliest=f"{earliest:%Y-%m}")
    _check_ahead(member, paid_month, period_to)
    overlap = member.dues_payments.filter(period_from__lte=period_to, period_to__gte=period_from)
    if clash := overlap.first():
        message = _("These months overlap a payment already recorded (%(start)s to %(end)s).")
        _refuse(
            "period_from",
            message,
            start=f"{clash.period_from:%Y-%m}",
            end=f"{clash.period_to:%Y-%m}",
        )


def _check_ahead(member: Member, paid_month: datetime.date, period_to: datetime.date) -> None:
    """Dues are paid monthly; paying months ahead (quarterly) needs the member's consent."""
    if period_to <= paid_month:
        return
    rate = dues_rate_on(member, paid_month)
    if rate is None or not rate.quarterly_consent:
        message = _(
            "Paying months ahead (quarterly) needs the member's consent; record the consent "
            "with the dues rate first."
        )
        _refuse("period_to", message)
    latest = add_months(paid_month, QUARTER_MONTHS - 1)
    if period_to > latest:
        message = _(
            "A quarterly payment covers at most three months from the month of payment "
            "(up to %(latest)s)."
        )
        _refuse("period_to", message, latest=f"{latest:%Y-%m}")


def _refuse(field: str, message: str, **values) -> None:
    raise ValidationError({field: message % values if values else message})


def _receiving(member: Member, record: MobileRecord | None, place: str) -> Organization:
    if place == DuesPayment.Place.HOME:
        return member.organization
    inflow = record.host_organization if record is not None else None
    if inflow is None:
        raise ValidationError({"place": _("The member has no inflow branch to pay at.")})
    return inflow
