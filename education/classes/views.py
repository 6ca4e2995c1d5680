"""Pages of training classes: the list, scheduling, inviting, the sheet and the import."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from education.classes import actions, selectors
from education.classes.forms import ImportForm, InviteForm, TrainingClassForm, attendance_entries
from education.classes.models import ClassInvitation, TrainingClass
from education.pages import list_page, writable_or_404
from members.scoping import can_write
from members.web import ensure_writer, get_or_404
from members.workflow import TransitionError

SHEET_SIZE = 100
Status = TrainingClass.Status


def _class_or_404(request, pk: int) -> TrainingClass:
    return get_or_404(selectors.class_get, user=request.user, pk=pk)


def _writable_class(request, pk: int) -> TrainingClass:
    return writable_or_404(selectors.class_get, request, pk)


def _detail_url(training_class: TrainingClass, anchor: str = "") -> str:
    return reverse("education:classes:class_detail", args=[training_class.pk]) + anchor


@login_required
def class_list(request):
    return list_page(request, selectors.class_list, "education/classes/class_list.html")


@login_required
def class_create(request):
    ensure_writer(request.user)
    form = TrainingClassForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        training_class = form.create(actions.training_class_create, actor=request.user)
        if training_class is not None:
            messages.success(request, _("The class is scheduled; now invite the members."))
            return redirect(_detail_url(training_class))
    context = {"form": form, "training_class": None}
    return render(request, "education/classes/class_form.html", context)


@login_required
def class_edit(request, pk: int):
    training_class = _writable_class(request, pk)
    if training_class.status != Status.SCHEDULED:
        messages.error(request, _("Only a scheduled class can be changed."))
        return redirect(_detail_url(training_class))
    form = TrainingClassForm(request.POST or None, user=request.user, instance=training_class)
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        changed = form.call(
            actions.training_class_update,
            actor=request.user,
            training_class=training_class,
            **fields,
        )
        if changed is not None:
            messages.success(request, _("Changes saved."))
            return redirect(_detail_url(training_class))
    context = {"form": form, "training_class": training_class}
    return render(request, "education/classes/class_form.html", context)


@login_required
def class_detail(request, pk: int):
    """The class, its counts and sheet; its writers get the invitation, sheet and import."""
    training_class = _class_or_404(request, pk)
    writable = can_write(request.user, training_class)
    counts = selectors.invitation_counts([training_class.pk]).get(training_class.pk, (0, 0))
    name = request.GET.get("name", "")[:50]
    context = {
        "training_class": training_class,
        "can_write": writable,
        "can_invite": writable and training_class.status == Status.SCHEDULED,
        "invited": counts[0],
        "joined": counts[1],
        "invite_form": InviteForm(user=request.user) if writable else None,
        "import_form": ImportForm(),
        "page": selectors.attendance_sheet(
            user=request.user,
            training_class=training_class,
            cursor=request.GET.get("cursor", ""),
            size=SHEET_SIZE,
            name=name,
        ),
        "attendances": [(v, str(label)) for v, label in ClassInvitation.Attendance.choices if v],
        "name": name,
        "query": urlencode({"name": name}) if name else "",
    }
    return render(request, "education/classes/class_detail.html", context)


@login_required
@require_POST
def class_invite(request, pk: int):
    training_class = _writable_class(request, pk)
    form = InviteForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose the members to invite."))
        return redirect(_detail_url(training_class))
    try:
        count = actions.training_class_invite(
            actor=request.user, training_class=training_class, audience=form.audience()
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("%(count)d members invited.") % {"count": count})
    return redirect(_detail_url(training_class))


@login_required
@require_POST
def class_cancel(request, pk: int):
    training_class = _writable_class(request, pk)
    try:
        actions.training_class_cancel(actor=request.user, training_class=training_class)
    except (ValidationError, TransitionError) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The class was cancelled."))
    return redirect(_detail_url(training_class))


@login_required
@require_POST
def attendance_save(request, pk: int):
    training_class = _writable_class(request, pk)
    try:
        counts = actions.attendance_record(
            actor=request.user,
            training_class=training_class,
            entries=attendance_entries(request.POST),
        )
    except (ValidationError, TransitionError) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("Attendance saved: %(changed)d lines changed.") % counts)
    return redirect(_detail_url(training_class, "#sheet"))


@login_required
def attendance_import(request, pk: int):
    """The upload form (GET) and the import (POST): every bad row listed, nothing saved."""
    training_class = _writable_class(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = actions.attendance_import(
                actor=request.user, training_class=training_class, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            errors = error.messages
        except TransitionError as error:
            errors = [str(error)]
        else:
            messages.success(
                request,
                _("Attendance imported: %(joined)d joined, %(not_joined)d did not.") % counts,
            )
            return redirect(_detail_url(training_class, "#sheet"))
    context = {"training_class": training_class, "form": form, "errors": errors}
    return render(request, "education/classes/attendance_import.html", context)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")
