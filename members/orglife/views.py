"""Pages of organisational life: activities, the attendance sheet, the year at a glance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.api_fields import query_id
from members.organizations.selectors import organization_get
from members.orglife import actions, selectors
from members.orglife.forms import (
    ActivityFilterForm,
    ActivityForm,
    MemberMessageForm,
    attendance_entries,
    current_year,
    placeholder_choices,
)
from members.orglife.models import Activity, Attendance
from members.orglife.selectors import ActivityFilters
from members.outbox.texts import render as render_text
from members.outbox.texts import signature
from members.scoping import can_write, ensure_can_write, has_write_role
from members.web import ensure_writer, get_or_404, page_size

SHEET_SIZE = 100
YEAR_PAGE_SIZE = 50


def _activity_or_404(request, pk: int) -> Activity:
    return get_or_404(selectors.activity_get, user=request.user, pk=pk)


def _writable_activity(request, pk: int) -> Activity:
    """The activity, or 404 outside the user's scope, or 403 for those who may only read it."""
    activity = _activity_or_404(request, pk)
    ensure_can_write(request.user, activity)
    return activity


def _year(request) -> int:
    raw = request.GET.get("year", "")
    year = query_id(raw)
    return year if year is not None and 2000 <= year <= 2100 else current_year()


@login_required
def activity_list(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    page = selectors.activity_list(
        user=request.user,
        filters=ActivityFilters(**form.filters()),
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "members/orglife/activity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": has_write_role(request.user),
        },
    )


@login_required
def activity_create(request):
    ensure_writer(request.user)
    initial = {"organization": request.GET.get("organization"), "kind": request.GET.get("kind")}
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.activity_create(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                **form.action_fields(),
            )
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect(activity)
    return render(request, "members/orglife/activity_form.html", {"form": form, "activity": None})


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
    return render(
        request, "members/orglife/activity_form.html", {"form": form, "activity": activity}
    )


@login_required
def activity_delete(request, pk: int):
    """Ask first (GET), delete on the confirmation's POST."""
    activity = _writable_activity(request, pk)
    try:
        actions.activity_step_ensure(request.user, activity, "delete")
    except ValidationError as error:  # not now: back to the activity, told why
        messages.error(request, " ".join(error.messages))
        return redirect(activity)
    if request.method != "POST":
        return render(request, "members/orglife/activity_delete.html", {"activity": activity})
    try:
        actions.activity_delete(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(activity)
    messages.success(request, _("Activity deleted: %(title)s") % {"title": activity.title})
    return redirect("orglife:activity_list")


@login_required
def activity_detail(request, pk: int):
    """The activity; its writers get the sheet, readers the attendance they may see."""
    activity = _activity_or_404(request, pk)
    context = {
        "activity": activity,
        "can_write": can_write(request.user, activity),
        "steps": actions.activity_steps(request.user, activity),
    }
    if context["can_write"]:
        page, lines = selectors.attendance_sheet(
            activity=activity, cursor=request.GET.get("cursor", ""), size=SHEET_SIZE
        )
        # Labels translated once, not once per member row.
        statuses = [(value, str(label)) for value, label in Attendance.Status.choices]
        context |= {"page": page, "lines": lines, "statuses": statuses}
    else:
        context["attendance"] = selectors.activity_attendance(user=request.user, activity=activity)
    return render(request, "members/orglife/activity_detail.html", context)


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
        messages.success(
            request,
            _("Attendance saved: %(created)d new, %(changed)d changed, %(cleared)d cleared.")
            % counts,
        )
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
    organization = get_or_404(organization_get, user=request.user, pk=pk)
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
    return render(
        request,
        "members/orglife/organization_year.html",
        {
            "organization": organization,
            "year": year,
            "record": record,
            "activities": activities,
            "page": page,
            "rows": rows,
            "query": f"year={year}",
            "by_member": organization.kind in selectors.BRANCH_KINDS,
            "can_write": can_write(request.user, organization),
        },
    )


@login_required
def member_message(request):
    """Filter members, preview how many get the message, then queue it in the outbox."""
    ensure_writer(request.user)
    form = MemberMessageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "confirm" in request.POST:
            count = actions.member_message_send(actor=request.user, **data)
            messages.success(request, _("%(count)d messages queued.") % {"count": count})
            return redirect("orglife:member_message")
        context = {"form": form, "preview": _preview(request.user, data)}
    else:
        context = {"form": form}
    context["placeholders"] = placeholder_choices()
    return render(request, "members/orglife/member_message.html", context)


PREVIEW_NAMES = 10  # the recipients named in the preview; the rest are counted


def _preview(user, data) -> dict:
    recipients = selectors.member_message_recipients(
        actor=user,
        organization=data["organization"],
        status=data["status"],
        audience=data["audience"],
    )
    first = recipients.select_related("organization").order_by("pk").first()
    sample = ""
    if first is not None:
        signing = first.organization
        if not signing.is_within(data["organization"]):  # hosted here: the sender signs
            signing = data["organization"]
        org = {"name": signing.name, "secretary_name": signing.secretary_name}
        sample = render_text(
            data["text"],
            name=first.name,
            organization=org["name"],
            secretary=org["secretary_name"],
            signature=signature(org),
        )
    count = recipients.count()
    names = list(recipients.order_by("pk").values_list("name", flat=True)[:PREVIEW_NAMES])
    return {
        "count": count,
        "names": names,
        "more": count > len(names),
        "without_phone": recipients.filter(phone="").count(),
        "sample": sample,
    }
