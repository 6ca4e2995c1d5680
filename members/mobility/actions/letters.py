"""Letters of introduction: numbered per issuing committee, with a return slip (回执)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from members.mobility.actions.notices import record_event_notify
from members.mobility.actions.records import log_event, mobile_record_take_in
from members.mobility.actions.sides import acting_side
from members.mobility.actions.steps import record_step_ensure
from members.mobility.models import (
    IntroductionLetter,
    LetterSequence,
    MobileRecord,
    RecordEvent,
    Side,
)
from members.organizations.models import Organization, User
from members.workflow import lock

COMMITTEE_KINDS = {
    Organization.Kind.TOWN,
    Organization.Kind.COMMITTEE,
    Organization.Kind.COUNTY,
    Organization.Kind.CITY,
}


def issuing_committee(organization: Organization) -> Organization:
    """The nearest Party (working) committee at or above the branch: it numbers the letters."""
    if organization.kind in COMMITTEE_KINDS:
        return organization
    for ancestor in reversed(Organization.objects.get_ancestors(organization)):
        if ancestor.kind in COMMITTEE_KINDS:
            return ancestor
    return organization


def _next_serial(committee: Organization, year: int) -> int:
    """Take the next number under a row lock so that two secretaries never share one."""
    try:
        with transaction.atomic():
            LetterSequence.objects.get_or_create(committee=committee, year=year)
    except IntegrityError:  # created concurrently by another request; the row exists now
        pass
    sequence = LetterSequence.objects.select_for_update().get(committee=committee, year=year)
    sequence.last_serial = F("last_serial") + 1
    sequence.save(update_fields=["last_serial"])
    sequence.refresh_from_db(fields=["last_serial"])
    return sequence.last_serial


@transaction.atomic
def letter_issue(
    *,
    actor: User,
    record: MobileRecord,
    suggestions_for_inflow: str,
    suggestions_for_employer: str = "",
    dues_paid_to: datetime.date | None = None,
    validity_days: int = 30,
) -> IntroductionLetter:
    """The outflow side issues a letter for a submitted registration."""
    record = lock(record, "member")
    record_step_ensure(actor, record, "letter")
    errors = {}
    if not suggestions_for_inflow.strip():
        errors["suggestions_for_inflow"] = _("Write the suggestions for the inflow organisation.")
    if not 1 <= validity_days <= 365:
        errors["validity_days"] = _("Validity must be between 1 and 365 days.")
    if errors:
        raise ValidationError(errors)
    committee = issuing_committee(record.outflow_organization)
    year = timezone.localdate().year
    letter = IntroductionLetter.objects.create(
        record=record,
        committee=committee,
        year=year,
        serial=_next_serial(committee, year),
        dues_paid_to=dues_paid_to.replace(day=1) if dues_paid_to else None,
        validity_days=validity_days,
        suggestions_for_inflow=suggestions_for_inflow.strip(),
        suggestions_for_employer=suggestions_for_employer.strip(),
        issued_by=actor,
    )
    text = _("Letter of introduction %(number)s issued") % {"number": letter.number}
    log_event(record, actor, kind=RecordEvent.Kind.NOTE, side=Side.OUTFLOW, text=text)
    return letter


@transaction.atomic
def letter_record_return_slip(
    *, actor: User, letter: IntroductionLetter, reported_on: datetime.date | None = None
) -> IntroductionLetter:
    """Record that the return slip came back; the sender's responsibility ends there.

    ``reported_on`` is the report-in date the slip gives (today when not given). An inflow
    organisation outside the system records nothing here itself, so for it the slip is the
    report-in: a registration still waiting is taken in (the workflow's ``take_in`` step) with
    that date and the outside organisation's contact person.
    """
    letter = lock(letter, "record__member")
    side = acting_side(actor, letter.record, Side.EITHER)
    if letter.return_slip_received_at is not None:
        return letter
    reported_on = reported_on or timezone.localdate()
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("The date cannot be in the future.")})
    letter.return_slip_received_at = timezone.now()
    letter.save(update_fields=["return_slip_received_at"])
    text = _("Return slip of letter %(number)s received: reported in on %(date)s") % {
        "number": letter.number,
        "date": f"{reported_on:%Y-%m-%d}",
    }
    event = log_event(letter.record, actor, kind=RecordEvent.Kind.NOTE, side=side, text=text)
    record = letter.record
    if record.inflow_external_id and record.status == MobileRecord.Status.WAITING:
        # The slip is the outside host's word that the member reported: the home side takes
        # the member in on its behalf (no page offers that step otherwise).
        mobile_record_take_in(
            actor=actor, record=record, on_behalf=True, **_slip_take_in(record, reported_on)
        )
    else:
        record_event_notify(record, event)
    return letter


def _slip_take_in(record: MobileRecord, reported_on: datetime.date) -> dict:
    external = record.inflow_external
    return {
        "inflow_date": reported_on,
        "reported_on": reported_on,
        "inflow_contact_person": external.contact_person or external.name,
        "inflow_contact_phone": external.contact_phone,
    }


@transaction.atomic
def letter_count_print(*, actor: User, letter: IntroductionLetter) -> None:
    """Count a printing (the print button posts; merely viewing the letter counts nothing)."""
    acting_side(actor, letter.record, Side.EITHER)
    IntroductionLetter.objects.filter(pk=letter.pk).update(print_count=F("print_count") + 1)
