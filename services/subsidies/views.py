"""Pages of hardship subsidies: the list, a new application, one application with its steps,
its papers and its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.files.models import Member
from members.pagination import keyset_page
from members.scoping import has_write_role
from members.web import ensure_writer, get_or_404, page_size
from members.workflow import TransitionError
from services.stored_files import stored_file_response
from services.subsidies import actions, selectors
from services.subsidies.forms import (
    STEP_FORMS,
    ApplicationForm,
    AttachForm,
    ListFilter,
    MemberSearchForm,
)

SEARCH_ROWS = 20
HISTORY_ROWS = 50


@login_required
def subsidy_list(request):
    filters = ListFilter(request.GET or None)
    rows = selectors.subsidy_list(user=request.user, **filters.chosen())
    page = keyset_page(
        rows,
        order=selectors.SUBSIDY_ORDER,
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "can_create": has_write_role(request.user),
    }
    return render(request, "services/subsidies/subsidy_list.html", context)


@login_required
def subsidy_create(request):
    """With ``?member=<id>`` (from the member file) the form; without, a search by name."""
    ensure_writer(request.user)
    member_id = request.POST.get("member") or request.GET.get("member")
    if not member_id:
        return _member_search(request)
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"member": member_id},
    )
    member = form.fields["member"].queryset.filter(pk=_int(member_id)).first()
    if member is None:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.subsidy_apply(actor=request.user, **form.action_fields())
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The application was submitted."))
            return redirect("services:subsidies:subsidy_detail", application.pk)
    totals = selectors.member_year_totals(member)
    context = {"form": form, "member": member, "totals": totals}
    return render(request, "services/subsidies/subsidy_form.html", context)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _member_search(request):
    search = MemberSearchForm(request.GET if "name" in request.GET else None)
    found = []
    if search.is_valid():
        found = (
            Member.objects.visible_to(request.user, for_write=True)
            .filter(status__in=Member.CURRENT_STATUSES, name__contains=search.cleaned_data["name"])
            .select_related("organization")
            .order_by("name", "pk")[:SEARCH_ROWS]
        )
    context = {"search": search, "found": found}
    return render(request, "services/subsidies/member_search.html", context)


@login_required
def subsidy_detail(request, pk: int):
    application = get_or_404(selectors.subsidy_get, user=request.user, pk=pk)
    steps = selectors.allowed_steps(request.user, application)
    context = {
        "application": application,
        "steps": [(step, _step_form(step.name)) for step in steps],
        "attachments": application.attachments.all(),
        "attach_form": AttachForm() if selectors.can_attach(request.user, application) else None,
        "history": application.history.select_related("history_user")[:HISTORY_ROWS],
        "totals": selectors.member_year_totals(application.member),
        "this_year": timezone.localdate().year,
    }
    return render(request, "services/subsidies/subsidy_detail.html", context)


def _step_form(step: str):
    form_class = STEP_FORMS[step]
    return form_class(auto_id=f"id_{step}_%s") if form_class else None


STEPS = {
    "approve": lambda actor, a, d: actions.subsidy_approve(
        actor=actor, application=a, note=d.get("note", "")
    ),
    "decline": lambda actor, a, d: actions.subsidy_decline(
        actor=actor, application=a, reason=d["reason"]
    ),
    "pay": lambda actor, a, d: actions.subsidy_pay(actor=actor, application=a),
    "withdraw": lambda actor, a, d: actions.subsidy_withdraw(actor=actor, application=a),
}


@login_required
@require_POST
def subsidy_step(request, pk: int, step: str):
    if step not in STEPS:
        raise Http404
    application = get_or_404(selectors.subsidy_get, user=request.user, pk=pk)
    if not selectors.can_step(request.user, application, step):
        raise PermissionDenied
    form_class = STEP_FORMS[step]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            STEPS[step](request.user, application, form.cleaned_data if form else {})
        except (ValidationError, TransitionError) as error:
            text = error.messages if isinstance(error, ValidationError) else [str(error)]
            messages.error(request, " ".join(text))
        else:
            messages.success(request, _("Saved."))
    return redirect("services:subsidies:subsidy_detail", application.pk)


@login_required
@require_POST
def attachment_add(request, pk: int):
    application = get_or_404(selectors.subsidy_get, user=request.user, pk=pk)
    if not selectors.is_applicant_side(request.user, application):
        raise PermissionDenied
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file to add."))
        return redirect("services:subsidies:subsidy_detail", application.pk)
    try:
        actions.subsidy_attach(
            actor=request.user, application=application, upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file was added."))
    return redirect("services:subsidies:subsidy_detail", application.pk)


@login_required
def attachment_download(request, pk: int, file_pk: int):
    """A supporting paper, for whoever may read the application."""
    attachment = get_or_404(
        selectors.attachment_get, user=request.user, application_pk=pk, pk=file_pk
    )
    return stored_file_response(attachment)
