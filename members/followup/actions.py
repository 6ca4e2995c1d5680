"""Writes of differentiated management: contacts, lost-contact marks, dues, card reviews, work.

Either side may act: the writer of the member's home organisation (outflow side) or of the
inflow side of the member's open record. Each action is atomic and raises ``PermissionDenied``
or a ``ValidationError`` naming the field at fault; contacts and lost-contact marks also go
into the record's timeline.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup.models import (
    MANAGEMENT_WARNING,
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)
from members.followup.rules import (
    add_months,
    facts_of,
    managed_records,
    month_start,
    warnings_for,
    with_any_warning,
)
from members.followup.selectors import dues_rate_on
from members.mobility.actions import log_event
from members.mobility.models import MobileRecord, RecordEvent, Side
from members.mobility.selectors import open_record
from members.organizations.models import Organization, User
from members.organizations.selectors import HandlerBook
from members.outbox.actions import inbox_message, outbox_add
from members.scoping import can_write, scope_paths

BACK_PAY_MONTHS = 6
QUARTER_MONTHS = 3


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


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _lock(member: Member) -> Member:
    # Serialises writes for one member, so two payments cannot both pass the overlap check.
    return Member.objects.select_for_update().get(pk=member.pk)


# --- Contacts and lost contact -----------------------------------------------------------------


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
    _not_future(contacted_on, "contacted_on")
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
    return contact


@transaction.atomic
def lost_contact_mark(
    *, actor: User, member: Member, marked_on: datetime.date, note: str = ""
) -> LostContactMark:
    """Record the finding that the member is lost (失联); the warning then prompts art. 24."""
    side, record = managing_side(actor, member)
    member = _lock(member)
    _not_future(marked_on, "marked_on")
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
    return mark


@transaction.atomic
def lost_contact_clear(
    *, actor: User, member: Member, cleared_on: datetime.date, note: str = ""
) -> LostContactMark:
    """Contact is back: close the open mark; the date counts as a successful contact."""
    side, record = managing_side(actor, member)
    member = _lock(member)
    _not_future(cleared_on, "cleared_on")
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
    return mark


# --- Dues --------------------------------------------------------------------------------------


def _ensure_home_side(actor: User, member: Member) -> None:
    side, _record = managing_side(actor, member)
    if side != Side.OUTFLOW and not member.home_external_id:
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
    member = _lock(member)
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
    member = _lock(member)
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
    return payment


def _check_payment(member, amount, period_from, period_to, paid_on) -> None:
    if amount is None or amount <= 0:
        _refuse("amount", _("Enter an amount above zero."))
    _not_future(paid_on, "paid_on")
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


# --- Activity card and assigned work -----------------------------------------------------------


@transaction.atomic
def card_review_record(
    *,
    actor: User,
    member: Member,
    year: int,
    result: str,
    reviewed_on: datetime.date,
    note: str = "",
) -> ActivityCardReview:
    """Record the yearly review (年审) of the member's activity card; one per year."""
    _side, record = managing_side(actor, member)
    _not_future(reviewed_on, "reviewed_on")
    if year > reviewed_on.year:
        raise ValidationError({"year": _("A year cannot be reviewed before it starts.")})
    review = ActivityCardReview(
        member=member,
        record=record,
        year=year,
        result=result,
        reviewed_on=reviewed_on,
        note=note.strip(),
        by=actor,
    )
    review.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ValidationError(
            {"year": _("The card has already been reviewed for %(year)s.") % {"year": year}}
        ) from None
    return review


@transaction.atomic
def assigned_work_add(
    *,
    actor: User,
    member: Member,
    description: str,
    assigned_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> AssignedWork:
    """Record work the branch gave the member (counts against art. 31)."""
    managing_side(actor, member)
    if not description.strip():
        raise ValidationError({"description": _("Describe the work.")})
    if ends_on is not None and ends_on < assigned_on:
        raise ValidationError({"ends_on": _("The work cannot end before it was assigned.")})
    return AssignedWork.objects.create(
        member=member,
        description=description.strip(),
        assigned_on=assigned_on,
        ends_on=ends_on,
        by=actor,
    )


# --- Daily reminders ---------------------------------------------------------------------------


def management_warnings_remind(*, today: datetime.date | None = None, batch_size: int = 500) -> int:
    """Write one inbox message per secretary per warning; return how many were dispatched.

    The occasion names the warning and its episode (the date the six months count from), so a
    rerun adds nothing and only a new lapse brings a new reminder. Each record's reminders are
    one short transaction: the scan never holds the database for long.
    """
    today = today or timezone.localdate()
    records = MobileRecord.objects.select_related(
        "member", "outflow_organization", "inflow_organization"
    )
    records = with_any_warning(managed_records(records, today=today), today=today)
    book = HandlerBook()
    last, total = 0, 0
    while page := list(records.filter(pk__gt=last).order_by("pk")[:batch_size]):
        for record in page:
            with transaction.atomic():
                total += _remind_record(record, today, book)
        last = page[-1].pk
    return total


def _remind_record(record: MobileRecord, today: datetime.date, book: HandlerBook) -> int:
    """The outflow side stays responsible until relations are transferred (art. 25)."""
    organization = record.side_organization(Side.OUTFLOW)
    users = book.handlers(organization)
    if not users:
        return 0
    link = reverse("management:member", args=[record.member_id])
    dispatched = 0
    for warning in warnings_for(facts_of(record), today=today):
        occasion = f"mw:{warning.code}:{record.pk}:{warning.episode}"
        text = _("%(member)s: %(warning)s (counted from %(date)s)") % {
            "member": record.member.name,
            "warning": warning.label,
            "date": warning.since.isoformat(),
        }
        messages = [
            inbox_message(
                kind=MANAGEMENT_WARNING,
                user=user,
                occasion=occasion,
                text=text,
                organization=organization,
                link=link,
            )
            for user in users
        ]
        dispatched += len(outbox_add(kind=MANAGEMENT_WARNING, occasion=occasion, messages=messages))
    return dispatched
