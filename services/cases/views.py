"""Pages of service requests: the list, filing on a member's behalf, the case page, its files,
and what the case page posts: the workflow's steps, a hand-over, a department, a note, a file,
a station. Each of those is POST only and answers with the case page and a message saying
what happened or what is wrong; nothing changes on an error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.api_fields import query_id
from members.files.models import Member
from members.followup.selectors import managed_member_get
from members.scoping import has_write_role
from members.uploads import attachment_check
from members.web import ensure_writer, get_or_404, page_size
from members.workflow import TransitionError
from services.cases import actions, selectors
from services.cases.attachments import CASE_FILE_TYPES, case_attach
from services.cases.forms import (
    AttachForm,
    CaseFileForm,
    CaseFilterForm,
    CaseStepForm,
    DepartmentForm,
    HandoverForm,
    NoteForm,
    StationForm,
)
from services.cases.workflow import CASE_WORKFLOW, HANDLER, HANDLER_STEPS
from services.stored_files import stored_file_response


@login_required
@require_GET
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    today = timezone.localdate()
    page = selectors.case_list(
        user=request.user,
        filters=form.filters(),
        today=today,
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "services/cases/case_list.html",
        {
            "filters": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": has_write_role(request.user),
        },
    )


def _preselected(request):
    """``?member=<id>`` from the member file: a member the user looks after, else none."""
    pk = request.GET.get("member", "")
    if query_id(pk) is None:
        return None
    try:
        return managed_member_get(user=request.user, pk=int(pk))
    except Member.DoesNotExist:  # out of scope or gone: the form simply starts empty
        return None


@login_required
def case_create(request):
    """Tick the members (found by a search), describe the request, file it."""
    ensure_writer(request.user)
    data = request.POST if request.method == "POST" else None
    form = CaseFileForm(
        data, request.FILES or None, user=request.user, member=_preselected(request)
    )
    if data is not None and "file" not in request.POST:
        form.errors.clear()  # a search is not a submission: show no errors yet
    elif data is not None and form.is_valid():
        case = _file(request, form)
        if case is not None:
            messages.success(request, _("The request was filed."))
            return redirect("services:cases:case_detail", case.pk)
    return render(request, "services/cases/case_form.html", {"form": form})


def _file(request, form):
    """File the case and keep its attachment, or neither (errors go on the form)."""
    data = form.cleaned_data
    upload = data["attachment"]
    try:
        if upload is not None:
            attachment_check(upload, CASE_FILE_TYPES)
        with transaction.atomic():
            case = actions.case_file(
                actor=request.user,
                organization=data["organization"],
                members=list(data["members"]),
                category=data["category"],
                title=data["title"],
                description=data["description"],
                priority=data["priority"],
                due_on=data["due_on"],
                station=data["station"],
            )
            if upload is not None:
                case_attach(actor=request.user, case=case, upload=upload)
    except ValidationError as error:
        if hasattr(error, "error_dict") and "file" in error.error_dict:
            error = ValidationError({"attachment": error.error_dict["file"]})
        form.add_action_error(error)
        return None
    return case


@login_required
@require_GET
def case_detail(request, pk: int):
    case = get_or_404(selectors.case_get, user=request.user, pk=pk)
    writable = selectors.case_can_write(request.user, case)
    steps = [t for t in CASE_WORKFLOW.allowed(case.status) if t.actor == HANDLER]
    context = {
        "case": case,
        "overdue": case.is_open and case.due_on < timezone.localdate(),
        "case_members": selectors.case_members(case),
        "departments": selectors.case_departments(case),
        "attachments": selectors.case_attachments(case),
        "timeline": selectors.case_timeline(case),
        "writable": writable,
    }
    if writable:
        context.update(
            steps=steps,
            handover_form=HandoverForm(auto_id="handover_%s"),
            department_form=DepartmentForm(auto_id="department_%s"),
            note_form=NoteForm(auto_id="note_%s"),
            attach_form=AttachForm(auto_id="attach_%s"),
            station_form=StationForm(
                auto_id="station_%s",
                stations=selectors.station_choices(case),
                initial={"station": case.station_id},
            ),
        )
    return render(request, "services/cases/case_detail.html", context)


@login_required
@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    """The file, for whoever may read the case; never from a public media URL."""
    attachment = get_or_404(
        selectors.case_attachment_get, user=request.user, case_pk=pk, pk=attachment_pk
    )
    return stored_file_response(attachment)


# --- What the case page posts. ---

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
        _("Done: %(step)s.") % {"step": CASE_WORKFLOW[step].label},
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
