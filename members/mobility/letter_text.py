"""The words of a letter of introduction: the one source of the printable page and the PDF.

``letter_content`` says everything the letter says, in print order (addressee, body with the
recorded reason, the member's facts, validity, dues, suggestions, signature and the return slip
to tear off); the HTML template and ``letter_pdf`` only lay it out.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.mobility.models import IntroductionLetter, MobileRecord

# Why the member goes, as the body's "因…" says it (the recorded reason, never a stock phrase).
PURPOSES = {
    MobileRecord.Reason.WORK: gettext_lazy("to work or do business"),
    MobileRecord.Reason.STUDY: gettext_lazy("to study"),
    MobileRecord.Reason.FAMILY: gettext_lazy("to live with family"),
    MobileRecord.Reason.OTHER: gettext_lazy("for other reasons"),
}


@dataclass(frozen=True)
class ReturnSlip:
    """The tear-off part the receiving organisation fills in and sends back (回执)."""

    cut_line: str
    title: str
    addressee: str
    body: str
    signature: str
    date_line: str


@dataclass(frozen=True)
class LetterContent:
    title: str
    issuer_line: str
    addressee: str
    body: str
    facts: list[tuple[str, str]]
    suggestions: list[tuple[str, str]]
    validity: str
    signature: str
    issued_on: str
    verify_note: str
    slip: ReturnSlip


def letter_content(letter: IntroductionLetter) -> LetterContent:
    """Everything the letter says; the page and the PDF print exactly this."""
    record = letter.record
    return LetterContent(
        title=_("Letter of introduction for a mobile Party member"),
        issuer_line=f"{letter.committee.name} · {_('No.')} {letter.number}",
        addressee=_("%(organisation)s:")
        % {
            "organisation": record.inflow_name
            or _("To the Party organisation where the member works")
        },
        body=_letter_body(record),
        facts=letter_facts(letter),
        suggestions=[
            (title, text)
            for title, text in (
                (_("Suggestions for the inflow organisation"), letter.suggestions_for_inflow),
                (_("Suggestions for the employer"), letter.suggestions_for_employer),
            )
            if text
        ],
        validity=_("This letter is valid for %(days)s days, until %(date)s.")
        % {"days": letter.validity_days, "date": f"{letter.valid_until:%Y-%m-%d}"},
        signature=letter.committee.name,
        issued_on=f"{timezone.localtime(letter.issued_at):%Y-%m-%d}",
        verify_note=_("Scan the code to verify this letter."),
        slip=_return_slip(letter),
    )


def _letter_body(record: MobileRecord) -> str:
    member = record.member
    return _(
        "Comrade %(name)s, a Party member of %(home)s, is going to %(destination)s %(purpose)s. "
        "Please receive them and include them in your organisational life and daily management."
    ) % {
        "name": member.name,
        "home": record.outflow_name,
        "destination": record.destination_address or record.inflow_name,
        "purpose": PURPOSES.get(record.reason, PURPOSES[MobileRecord.Reason.OTHER]),
    }


def letter_facts(letter: IntroductionLetter) -> list[tuple[str, str]]:
    """The member's basics and both sides' contacts, in print order."""
    record, member = letter.record, letter.record.member
    facts = [
        (_("Full name"), member.name),
        (_("Gender"), member.get_gender_display()),
        (_("ID number"), member.id_number_masked),
        (_("Category"), member.get_category_display()),
        (_("Date joined the Party"), f"{member.joined_party_on:%Y-%m-%d}"),
        (_("Reason for leaving"), record.get_reason_display()),
        (_("Home organisation"), record.outflow_name),
        (
            _("Outflow contact"),
            _contact(record.outflow_contact_person, record.outflow_contact_phone),
        ),
        (_("Inflow organisation"), record.inflow_name or _("not yet known")),
    ]
    external = record.inflow_external
    if external is not None:
        contact = _contact(external.contact_person, external.contact_phone)
        facts.append((_("Its contact"), contact))
    facts += [
        (_("Employer"), record.employer_name or "—"),
        (_("Dues paid up to"), f"{letter.dues_paid_to:%Y-%m}" if letter.dues_paid_to else "—"),
        (_("Valid until"), f"{letter.valid_until:%Y-%m-%d}"),
    ]
    return facts


def _contact(person: str, phone: str) -> str:
    return " ".join(part for part in (person, phone) if part) or "—"


def _return_slip(letter: IntroductionLetter) -> ReturnSlip:
    record = letter.record
    return ReturnSlip(
        cut_line=_("Cut along this line and send the return slip back"),
        title=_("Return slip"),
        addressee=_("%(organisation)s:") % {"organisation": record.outflow_name},
        body=_(
            "Comrade %(name)s (letter %(number)s) reported to our organisation "
            "on ____ (year) ____ (month) ____ (day)."
        )
        % {"name": record.member.name, "number": letter.number},
        signature=_("Receiving Party organisation (seal)"),
        date_line=_("____ (year) ____ (month) ____ (day)"),
    )
