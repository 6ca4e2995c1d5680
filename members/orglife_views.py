"""Pages of organisational life: activities, the attendance sheet, the year at a glance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import orglife_selectors as selectors
from members.actions import orglife as actions
from members.models import Activity, Attendance, Organization
from members.orglife_forms import (
    ActivityFilterForm,
    ActivityForm,
    attendance_entries,
    current_year,
)
from members.orglife_selectors import ActivityFilters
from members.views import _can_create, _size

SHEET_SIZE = 100
YEAR_PAGE_SIZE = 50


def _activity_or_404(request, pk: int) -> Activity:
    try:
        return selectors.activity_get(user=request.user, pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None


def _writable_activity(request, pk: int) -> Activity:
    """The activity, or 404 outside the user's scope, or 403 for those who may only read it."""
    activity = _activity_or_404(request, pk)
    if not _can_write(request.user, activity):
        raise PermissionDenied
    return activity


def _can_write(user, activity: Activity) -> bool:
    return Activity.objects.visible_to(user, for_write=True).filter(pk=activity.pk).exists()


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else current_year()


@login_required
def activity_list(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    page = selectors.activity_list(
        user=request.user, filters=ActivityFilters(**form.filters()),
        cursor=request.GET.get("cursor", ""), size=_size(request),
    )  # fmt: skip
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(request, "orglife/activity_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "can_create": _can_create(request),
    })  # fmt: skip


@login_required
def activity_create(request):
    if not _can_create(request):
        raise PermissionDenied
    initial = {"organization": request.GET.get("organization"), "kind": request.GET.get("kind")}
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.activity_create(
                actor=request.user, organization=form.cleaned_data["organization"],
                **form.action_fields(),
            )  # fmt: skip
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect(activity)
    return render(request, "orglife/activity_form.html", {"form": form, "activity": None})


@login_required
def activity_edit(request, pk: int):
    activity = _writable_activity(request, pk)
    form = ActivityForm(request.POST or None, user=request.user, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            actions.activity_update(actor=request.user, activity=activity, **form.action_fields())
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(activity)
    return render(request, "orglife/activity_form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = _writable_activity(request, pk)
    try:
        actions.activity_delete(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(activity)
    messages.success(request, _("The activity was deleted."))
    return redirect("orglife:activity_list")


@login_required
def activity_detail(request, pk: int):
    """The activity; its writers get the sheet, readers the attendance they may see."""
    activity = _activity_or_404(request, pk)
    context = {"activity": activity, "can_write": _can_write(request.user, activity)}
    if context["can_write"]:
        page, lines = selectors.attendance_sheet(
            activity=activity, cursor=request.GET.get("cursor", ""), size=SHEET_SIZE
        )
        context |= {"page": page, "lines": lines, "statuses": Attendance.Status.choices}
    else:
        context["attendance"] = selectors.activity_attendance(user=request.user, activity=activity)
    return render(request, "orglife/activity_detail.html", context)


@login_required
@require_POST
def attendance_save(request, pk: int):
    activity = _writable_activity(request, pk)
    try:
        counts = actions.attendance_record(
            actor=request.user, activity=activity, entries=attendance_entries(request.POST)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Attendance saved: %(created)d new, %(changed)d changed, "
                                    "%(cleared)d cleared.") % counts)  # fmt: skip
    url = reverse("orglife:activity_detail", args=[pk])
    cursor = request.POST.get("cursor", "")
    return redirect(f"{url}?cursor={cursor}#sheet" if cursor else f"{url}#sheet")


@login_required
@require_POST
def activity_notify(request, pk: int):
    activity = _writable_activity(request, pk)
    try:
        count = actions.activity_notify(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)d notices queued.") % {"count": count})
    return redirect(activity)


@login_required
def organization_year(request, pk: int):
    """What the rules ask for in a year, for one organisation and the branches (or members)
    below it: which activities happened, which were attended. Never a ranking."""
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    year = _year(request)
    record, activities = selectors.organization_year(organization=organization, year=year)
    cursor = request.GET.get("cursor", "")
    if organization.kind in selectors.BRANCH_KINDS:
        page, rows = selectors.members_year(
            organization=organization, year=year, cursor=cursor, size=YEAR_PAGE_SIZE
        )
    else:
        page, rows = selectors.branches_year(
            organization=organization, year=year, cursor=cursor, size=YEAR_PAGE_SIZE
        )
    return render(request, "orglife/organization_year.html", {
        "organization": organization, "year": year, "record": record, "activities": activities,
        "page": page, "rows": rows, "query": f"year={year}",
        "by_member": organization.kind in selectors.BRANCH_KINDS,
        "can_write": Organization.objects.visible_to(request.user, for_write=True)
        .filter(pk=pk).exists(),
    })  # fmt: skip
