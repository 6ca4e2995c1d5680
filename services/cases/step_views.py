"""What the case page posts: the workflow's steps, a hand-over, a department, a note, a file,
a station. Each is POST only, answers with the case page and a message saying what happened
or what is wrong; nothing changes on an error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.web import get_or_404
from members.workflow import TransitionError
from services.cases import actions, selectors
from services.cases.attachments import case_attach
from services.cases.forms import (
    AttachForm,
    CaseStepForm,
    DepartmentForm,
    HandoverForm,
    NoteForm,
    StationForm,
)
from services.cases.workflow import HANDLER_STEPS

STEP_NAMES = {t.name for t in HANDLER_STEPS}


def _writable_case(request, pk: int):
    """The case: 404 outside the user's scope, 403 unless the user handles it."""
    case = get_or_404(selectors.case_get, user=request.user, pk=pk)
    if not selectors.case_can_write(request.user, case):
        raise PermissionDenied
    return case


def _run(request, case, form, action, success: str):
    """Validate the form, run the action; either way back to the case page with a message."""
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            action(form.cleaned_data)
        except (ValidationError, TransitionError) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, success)
    return redirect("services:cases:case_detail", case.pk)


def _form_errors(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{' '.join(errors)}" if label else " ".join(errors))
    return "；".join(parts)


def _error_text(error) -> str:
    if isinstance(error, TransitionError):
        return str(error)
    return " ".join(error.messages)


@login_required
@require_POST
def case_step(request, pk: int, step: str):
    if step not in STEP_NAMES:
        raise Http404
    case = _writable_case(request, pk)
    return _run(
        request,
        case,
        CaseStepForm(request.POST),
        lambda data: actions.case_step(
            actor=request.user,
            case=case,
            step=step,
            text=data["text"],
            satisfaction=data["satisfaction"],
        ),
        _("Done: %(step)s.") % {"step": actions.CASE_WORKFLOW[step].label},
    )


@login_required
@require_POST
def case_handover(request, pk: int):
    case = _writable_case(request, pk)
    return _run(
        request,
        case,
        HandoverForm(request.POST),
        lambda data: actions.case_handover(actor=request.user, case=case, **data),
        _("The request was handed over."),
    )


@login_required
@require_POST
def case_department(request, pk: int):
    case = _writable_case(request, pk)
    return _run(
        request,
        case,
        DepartmentForm(request.POST),
        lambda data: actions.case_department_add(actor=request.user, case=case, **data),
        _("The department was added."),
    )


@login_required
@require_POST
def case_note(request, pk: int):
    case = _writable_case(request, pk)
    return _run(
        request,
        case,
        NoteForm(request.POST),
        lambda data: actions.case_note(actor=request.user, case=case, text=data["text"]),
        _("The note was added."),
    )


@login_required
@require_POST
def case_attach_file(request, pk: int):
    case = _writable_case(request, pk)
    return _run(
        request,
        case,
        AttachForm(request.POST, request.FILES),
        lambda data: case_attach(actor=request.user, case=case, upload=data["file"]),
        _("The file was attached."),
    )


@login_required
@require_POST
def case_station(request, pk: int):
    case = _writable_case(request, pk)
    return _run(
        request,
        case,
        StationForm(request.POST),
        lambda data: actions.case_route_station(
            actor=request.user, case=case, station=data["station"]
        ),
        _("The service station was saved."),
    )
