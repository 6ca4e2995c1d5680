"""Pages of letters of introduction: issue, read, print, PDF, return slip, public check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from members.audit.actions import Kind, audit_record
from members.followup.selectors import dues_paid_to
from members.mobility import actions, selectors
from members.mobility.forms import (
    LetterForm,
    ReturnSlipForm,
)
from members.mobility.letter_pdf import letter_pdf_bytes, verification_qr_svg
from members.mobility.letter_text import letter_content
from members.mobility.models import Side
from members.mobility.views.records import ensure_step_or_back, record_or_404
from members.web import client_ip_key, get_or_404, too_many_requests


@login_required
def letter_issue(request, pk: int):
    record = record_or_404(request, pk)
    refused = ensure_step_or_back(request, record, "letter")
    if refused is not None:
        return refused
    form = LetterForm(
        request.POST or None,
        initial={
            "suggestions_for_inflow": _(
                "Please confirm the member's report-in, include them in a branch's organisational "
                "life and tell us of their study and conduct each quarter."
            ),
            "suggestions_for_employer": _(
                "Please support the member in showing their identity as a Party member and in "
                "taking part in organisational life; tell either branch of any difficulty."
            ),
            "dues_paid_to": dues_paid_to(record.member),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = actions.letter_issue(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as error:
            form.add_action_error(error)
        else:
            return redirect(letter)
    return render(request, "members/mobility/letter_form.html", {"record": record, "form": form})


def _letter_or_404(request, pk: int):
    return get_or_404(selectors.letter_get, user=request.user, pk=pk)


@login_required
def letter_detail(request, pk: int):
    letter = _letter_or_404(request, pk)
    verify_url = request.build_absolute_uri(letter.get_verify_url())
    context = {
        "letter": letter,
        "record": letter.record,
        "member": letter.record.member,
        "verify_url": verify_url,
        "qr_svg": verification_qr_svg(verify_url),
        "can_print": actions.may_act(request.user, letter.record, Side.EITHER),
        "content": letter_content(letter),
        "slip_form": ReturnSlipForm(initial={"reported_on": timezone.localdate()}),
    }
    return render(request, "members/mobility/letter.html", context)


@login_required
def letter_pdf(request, pk: int):
    """The letter as a PDF to read or save; printing it is counted by ``letter_print``."""
    letter = _letter_or_404(request, pk)
    return _pdf_response(request, letter)


@login_required
@require_POST
def letter_print(request, pk: int):
    """Count a printing, then hand over the PDF to print."""
    letter = _letter_or_404(request, pk)
    actions.letter_count_print(actor=request.user, letter=letter)
    return _pdf_response(request, letter)


def _pdf_response(request, letter) -> HttpResponse:
    pdf = letter_pdf_bytes(letter, request.build_absolute_uri(letter.get_verify_url()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.number}.pdf"'
    audit_record(kind=Kind.EXPORT, request=request, obj=letter, detail={"format": "pdf"})
    return response


@login_required
@require_POST
def letter_return_slip(request, pk: int):
    letter = _letter_or_404(request, pk)
    form = ReturnSlipForm(request.POST)
    reported_on = form.cleaned_data["reported_on"] if form.is_valid() else None
    if form.errors:
        messages.error(request, form.errors["reported_on"][0])
        return redirect(letter)
    try:
        actions.letter_record_return_slip(
            actor=request.user, letter=letter, reported_on=reported_on
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(letter)
    messages.success(request, _("Return slip recorded."))
    return redirect(letter.record)


VERIFY_RATE = "20/m"  # per address: enough for a desk checking papers, too few to guess codes


def letter_verify(request, code: str):
    """Public page behind the letter's QR code: confirms authenticity, shows minimal data."""
    usage = get_usage(
        request, group="letter_verify", key=client_ip_key, rate=VERIFY_RATE, increment=True
    )
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, retry_after=usage["time_left"])
    letter = selectors.letter_by_code(code=code)
    return render(
        request,
        "members/mobility/letter_verify.html",
        {"letter": letter},
        status=200 if letter else 404,
    )
