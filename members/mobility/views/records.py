"""Pages of the mobile records: outflow follow list, inflow inbox, the record and its forms."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.api_fields import query_id
from members.files.selectors import member_get, member_queryset
from members.followup.models import Category
from members.followup.selectors import category_counts, records_filtered
from members.mobility import actions, selectors
from members.mobility.actions import steps
from members.mobility.forms import (
    CoManagementForm,
    InflowRegistrationForm,
    NoteForm,
    RecordFilterForm,
    RegistrationForm,
)
from members.mobility.models import MobileRecord
from members.pagination import keyset_page
from members.scoping import ensure_can_write
from members.web import ensure_writer, get_or_404, page_size
from members.workflow import TransitionError


def record_or_404(request, pk: int) -> MobileRecord:
    return get_or_404(selectors.record_get, user=request.user, pk=pk)


@login_required
def record_list(request):
    filters = RecordFilterForm(request.GET).filters()
    side, status, category = filters["side"], filters["status"], filters["category"]
    today = timezone.localdate()
    records = selectors.record_side(user=request.user, side=side)
    counts = category_counts(records, today=today)
    records = records_filtered(records, status=status, category=category, today=today)
    page, next_before = selectors.record_page(
        records=records, before=query_id(request.GET.get("before", ""))
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
    record = record_or_404(request, pk)
    refused = ensure_step_or_back(request, record, "edit")
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
    record = record_or_404(request, pk)
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


def ensure_step_or_back(request, record: MobileRecord, step: str):
    """The record's page when its status does not allow the step now (with why); ``None``
    when the user may take it. A user who may never take it gets 403."""
    try:
        steps.record_step_ensure(request.user, record, step)
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect(record)
    return None


@login_required
@require_POST
def record_note(request, pk: int):
    record = record_or_404(request, pk)
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
    record = record_or_404(request, pk)
    refused = ensure_step_or_back(request, record, "co_management")
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
