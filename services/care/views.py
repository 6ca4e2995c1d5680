"""Pages of care: holiday campaigns with their progress and to-do lists, care records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from members.scoping import can_write, has_write_role
from members.web import ensure_writer, get_or_404, page_size
from members.workflow import TransitionError
from services.care import actions, selectors
from services.care.forms import (
    CampaignForm,
    DoneForm,
    RecordFilterForm,
    RecordForm,
    SkipForm,
    VisitFilterForm,
)
from services.care.workflow import VISIT_WORKFLOW

VISIT_PAGE = 50


@login_required
def campaign_list(request):
    page = selectors.campaign_page(
        user=request.user, cursor=request.GET.get("cursor", ""), size=page_size(request)
    )
    return render(
        request,
        "services/care/campaign_list.html",
        {"page": page, "can_create": has_write_role(request.user)},
    )


@login_required
def campaign_create(request):
    ensure_writer(request.user)
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = form.call(actions.care_campaign_create, actor=request.user, **form.cleaned_data)
        if campaign is not None:
            count = campaign.visits_count
            text = ngettext(
                "The campaign was created: %(count)d visit to make.",
                "The campaign was created: %(count)d visits to make.",
                count,
            )
            messages.success(request, text % {"count": count})
            return redirect("services:care:campaign_detail", campaign.pk)
    return render(request, "services/care/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request, pk: int):
    campaign = get_or_404(selectors.campaign_get, user=request.user, pk=pk)
    filters = VisitFilterForm(request.GET or None)
    status = filters.chosen()
    page = selectors.visit_page(
        user=request.user,
        campaign=campaign,
        status=status,
        cursor=request.GET.get("cursor", ""),
        size=VISIT_PAGE,
    )
    writable = selectors.writable_visit_ids(user=request.user, ids=[v.pk for v in page.items])
    places = selectors.whereabouts([visit.member_id for visit in page.items])
    rows = [
        (
            visit,
            VISIT_WORKFLOW.allowed(visit.status) if visit.pk in writable else [],
            places.get(visit.member_id, ""),
        )
        for visit in page.items
    ]
    organiser = selectors.is_organiser(request.user, campaign)
    if organiser:
        progress = {"done": campaign.done_count, "planned": campaign.visits_count}
    else:
        progress = selectors.visit_progress(user=request.user, campaign=campaign)
    context = {
        "campaign": campaign,
        "progress": progress,
        "branches": selectors.branch_progress(campaign) if organiser else [],
        "filters": filters,
        "page": page,
        "rows": rows,
        "query": f"status={status}" if status else "",
        "today": timezone.localdate(),
    }
    return render(request, "services/care/campaign_detail.html", context)


STEP_FORMS = {"done": DoneForm, "skip": SkipForm}


@login_required
@require_POST
def visit_step(request, pk: int, step: str):
    if step not in STEP_FORMS:
        raise Http404
    visit = get_or_404(selectors.visit_get, user=request.user, pk=pk)
    if not can_write(request.user, visit):
        raise PermissionDenied
    form = STEP_FORMS[step](request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the visit."))
    else:
        _visit_step(request, visit, step, form.cleaned_data)
    url = reverse("services:care:campaign_detail", args=[visit.campaign_id])
    return redirect(f"{url}#visit-{visit.pk}")


def _visit_step(request, visit, step: str, data: dict) -> None:
    try:
        if step == "done":
            actions.care_visit_done(actor=request.user, visit=visit, **data)
            messages.success(request, _("The visit was recorded."))
        else:
            actions.care_visit_skip(actor=request.user, visit=visit, **data)
            messages.success(request, _("Marked as needing no visit."))
    except (ValidationError, TransitionError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


@login_required
def record_list(request):
    form = RecordFilterForm(request.GET or None, user=request.user)
    page = selectors.record_page(
        user=request.user,
        filters=form.filters(),
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "services/care/record_list.html",
        {"page": page, "filters": form, "query": query.urlencode()},
    )


@login_required
def record_create(request):
    """A care record for the member of the file (``?member=<id>``)."""
    member = get_or_404(selectors.member_get, user=request.user, pk=request.GET.get("member", ""))
    if not selectors.member_can_care(request.user, member):
        raise PermissionDenied
    form = RecordForm(request.POST or None, user=request.user, member=member)
    if request.method == "POST" and form.is_valid():
        record = form.call(
            actions.care_record_add, actor=request.user, member=member, **form.cleaned_data
        )
        if record is not None:
            messages.success(request, _("The care record was saved."))
            return redirect(member.get_absolute_url())
    return render(request, "services/care/record_form.html", {"form": form, "member": member})
