"""Pages of the mobile-record workflow: outflow follow list, inflow inbox, record, letters."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from members.files.selectors import member_get, member_queryset
from members.followup.models import Category
from members.followup.selectors import category_counts, dues_paid_to, in_category
from members.mobility import actions, selectors
from members.mobility.actions import steps
from members.mobility.forms import (
    CoManagementForm,
    EndForm,
    InflowChoice,
    InflowRegistrationForm,
    LetterForm,
    NoteForm,
    ReasonForm,
    RegistrationForm,
    ReturnSlipForm,
    TakeInForm,
)
from members.mobility.letter_pdf import letter_pdf_bytes, verification_qr_svg
from members.mobility.letter_text import letter_content
from members.mobility.models import MobileRecord, Side
from members.pagination import keyset_page
from members.scoping import ensure_can_write
from members.web import ensure_writer, get_or_404, page_size, too_many_requests
from members.workflow import TransitionError


def _record_or_404(request, pk: int) -> MobileRecord:
    return get_or_404(selectors.record_get, user=request.user, pk=pk)


@login_required
def record_list(request):
    side = selectors.INFLOW if request.GET.get("side") == "inflow" else selectors.OUTFLOW
    status = request.GET.get("status", "")
    status = status if status in MobileRecord.Status.values else ""
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    before = request.GET.get("before", "")
    today = timezone.localdate()
    records = selectors.record_side(user=request.user, side=side)
    counts = category_counts(records, today=today)
    if category:
        records = in_category(records, category=category, today=today)
    page, next_before = selectors.record_page(
        records=records, status=status, before=int(before) if before.isdigit() else None
    )
    context = {
        "side": side,
        "status": status,
        "records": page,
        "next_before": next_before,
        "statuses": MobileRecord.Status.choices,
        "today": today,
        "category": category,
        "categories": [(value, label, counts[value]) for value, label in Category.choices],
    }
    return render(request, "members/mobility/list.html", context)


@login_required
def inflow_inbox(request):
    """Registrations waiting for the user's organisations, oldest first, a page at a time."""
    page = keyset_page(
        selectors.inflow_inbox(user=request.user),
        order=("submitted_at", "id"),
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    today = timezone.localdate()
    for record in page.items:
        record.age_days = (today - timezone.localdate(record.submitted_at)).days
        record.can_take_in = steps.record_step_allowed(request.user, record, "take_in")
    context = {
        "records": page.items,
        "page": page,
        "query": "",
        "review_days": settings.MOBILE_REVIEW_REMINDER_DAYS,
    }
    return render(request, "members/mobility/inbox.html", context)


@login_required
def record_create(request, member_pk: int):
    member = get_or_404(member_get, user=request.user, pk=member_pk)
    ensure_can_write(request.user, member)
    if not actions.departure_allowed(request.user, member):
        messages.error(request, _("This member is already away; end that period first."))
        return redirect(member)
    initial = {
        "outflow_contact_person": request.user.get_full_name(),
        "member_phone_there": member.phone,
    }
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record = actions.mobile_record_create(
                    actor=request.user, member=member, **form.action_fields()
                )
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(
                request, _("The registration is saved as a draft; submit it when ready.")
            )
            return redirect(record)
    return render(request, "members/mobility/form.html", {"form": form, "member": member})


@login_required
def record_edit(request, pk: int):
    record = _record_or_404(request, pk)
    refused = _ensure_step_or_back(request, record, "edit")
    if refused is not None:
        return refused
    form = RegistrationForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                actions.mobile_record_update(
                    actor=request.user, record=record, **form.action_fields()
                )
        except ValidationError as error:
            form.add_action_error(error)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(record)
        else:
            return redirect(record)
    return render(
        request,
        "members/mobility/form.html",
        {"form": form, "member": record.member, "record": record},
    )


@login_required
def record_register_inflow(request):
    """The inflow side registers and takes in a member arriving from outside (story 1)."""
    ensure_writer(request.user)
    form = InflowRegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record = actions.mobile_record_register_inflow(
                    actor=request.user,
                    receiving_organization=form.cleaned_data["receiving_organization"],
                    outflow_external=form.outflow_external(),
                    member_fields=form.member_fields(),
                    **form.record_fields(),
                )
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Registered; record the report-in to take the member in."))
            return redirect(record)
    return render(request, "members/mobility/register_inflow.html", {"form": form})


@login_required
def record_detail(request, pk: int):
    record = _record_or_404(request, pk)
    user = request.user
    context = {
        "record": record,
        "member": record.member,
        "can_open_file": member_queryset(user=user).filter(pk=record.member_id).exists(),
        "steps": steps.record_steps(user, record),
        "timeline": selectors.record_timeline(record=record),
        "letters": record.letters.select_related("committee").all(),
        "note_form": NoteForm(),
        "today": timezone.localdate(),
    }
    return render(request, "members/mobility/detail.html", context)


def _ensure_step_or_back(request, record: MobileRecord, step: str):
    """The record's page when its status does not allow the step now (with why); ``None``
    when the user may take it. A user who may never take it gets 403."""
    try:
        steps.record_step_ensure(request.user, record, step)
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect(record)
    return None


STEP_FORMS = {
    "return": ReasonForm,
    "take_in": TakeInForm,
    "end": EndForm,
    "assign_inflow": InflowChoice,
}


@login_required
def record_step(request, pk: int, step: str):
    """Carry out one transition; steps that need data show their form first."""
    record = _record_or_404(request, pk)
    if step not in STEP_ACTIONS:
        raise Http404
    refused = _ensure_step_or_back(request, record, step)
    if refused is not None:
        return refused
    form = _step_form(request, record, step)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            _run_step(request.user, record, step, form)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(record)
            form.add_action_error(error)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(record)
        else:
            messages.success(request, _step_done(record, step))
            return redirect("records:list") if step == "delete" else redirect(record)
    if form is None:
        return redirect(record)
    return render(
        request, "members/mobility/step.html", {"record": record, "form": form, "step": step}
    )


def _step_form(request, record: MobileRecord, step: str):
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        return None
    today = timezone.localdate()
    initial = {
        "inflow_date": today,
        "reported_on": today,
        "ended_on": today,
        "inflow_contact_person": request.user.get_full_name(),
    }
    kwargs = {"record": record} if form_class is TakeInForm else {}
    return form_class(request.POST or None, initial=initial, **kwargs)


def _step_done(record: MobileRecord, step: str) -> str:
    """What happened, for the message after the step."""
    done = {
        "submit": _("Submitted to the inflow organisation: %(name)s"),
        "resubmit": _("Resubmitted: %(name)s"),
        "return": _("Returned to the outflow side: %(name)s"),
        "take_in": _("Taken in: %(name)s"),
        "assign_inflow": _("Sent to the inflow organisation: %(name)s"),
        "end": _("Period away ended: %(name)s"),
        "delete": _("Draft deleted: %(name)s"),
    }[step]
    if step == "submit" and not (record.inflow_organization_id or record.inflow_external_id):
        done = _("Registered without an inflow organisation: %(name)s")
    return done % {"name": record.member.name}


STEP_ACTIONS = {
    "submit": actions.mobile_record_submit,
    "resubmit": actions.mobile_record_resubmit,
    "return": actions.mobile_record_return,
    "take_in": actions.mobile_record_take_in,
    "assign_inflow": actions.mobile_record_assign_inflow,
    "end": actions.mobile_record_end,
    "delete": actions.mobile_record_delete,
}


def _run_step(user, record: MobileRecord, step: str, form) -> None:
    # One transaction: an outside organisation named in the form is kept only if the step is.
    with transaction.atomic():
        fields = form.action_fields() if form is not None else {}
        STEP_ACTIONS[step](actor=user, record=record, **fields)


@login_required
@require_POST
def record_note(request, pk: int):
    record = _record_or_404(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        actions.mobile_record_add_note(
            actor=request.user, record=record, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("Write the note."))
    return redirect(record)


@login_required
def record_co_management(request, pk: int):
    record = _record_or_404(request, pk)
    refused = _ensure_step_or_back(request, record, "co_management")
    if refused is not None:
        return refused
    form = CoManagementForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            actions.mobile_record_set_co_management(
                actor=request.user,
                record=record,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_action_error(error)
        else:
            return redirect(record)
    return render(request, "members/mobility/co_management.html", {"record": record, "form": form})


@login_required
def letter_issue(request, pk: int):
    record = _record_or_404(request, pk)
    refused = _ensure_step_or_back(request, record, "letter")
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
    usage = get_usage(request, group="letter_verify", key="ip", rate=VERIFY_RATE, increment=True)
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, retry_after=usage["time_left"])
    letter = selectors.letter_by_code(code=code)
    return render(
        request,
        "members/mobility/letter_verify.html",
        {"letter": letter},
        status=200 if letter else 404,
    )
