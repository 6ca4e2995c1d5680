"""Pages of study plans: the list, making a plan, its members' progress, editing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from education.hours.selectors import HoursBar
from education.plans import actions, selectors
from education.plans.forms import (
    ConfirmForm,
    PlanCreateForm,
    PlanEditForm,
    PlanMembersForm,
    plan_list_filters,
)
from education.plans.models import StudyPlan
from members.scoping import can_write, ensure_can_write, has_write_role
from members.web import ensure_writer, get_or_404, page_size

PROGRESS_PAGE = 50


def _plan_or_404(request, pk: int) -> StudyPlan:
    return get_or_404(selectors.plan_get, user=request.user, pk=pk)


def _writable_plan(request, pk: int) -> StudyPlan:
    plan = _plan_or_404(request, pk)
    ensure_can_write(request.user, plan)
    return plan


@login_required
def plan_list(request):
    filters = plan_list_filters(request.GET)
    page = selectors.plan_list(
        user=request.user,
        **filters,
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "page": page,
        **filters,
        "query": query.urlencode(),
        "can_create": has_write_role(request.user),
        "this_year": timezone.localdate().year,
    }
    return render(request, "education/plans/plan_list.html", context)


@login_required
def plan_create(request):
    ensure_writer(request.user)
    initial = {"member": request.GET.get("member"), "template": request.GET.get("template")}
    form = PlanCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = form.call(actions.plan_create, actor=request.user, **form.action_fields())
        if plan is not None:
            messages.success(request, _("The study plan was made."))
            return redirect(plan)
    return render(request, "education/plans/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request, pk: int):
    plan = _writable_plan(request, pk)
    form = PlanEditForm(request.POST or None, user=request.user, instance=plan)
    posted = request.method == "POST" and form.is_valid()
    if posted and form.call(
        actions.plan_update, actor=request.user, plan=plan, **form.action_fields()
    ):
        messages.success(request, _("Changes saved."))
        return redirect(plan)
    return render(request, "education/plans/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_add_members(request, pk: int):
    plan = _writable_plan(request, pk)
    form = PlanMembersForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        added = form.call(actions.plan_add_members, actor=request.user, plan=plan, **form.chosen())
        if added is not None:
            messages.success(request, _("%(count)d members added.") % {"count": added})
            return redirect(plan)
    return render(request, "education/plans/plan_members.html", {"form": form, "plan": plan})


@login_required
def plan_detail(request, pk: int):
    """The plan and, by member NAME, what each has done of it: never ordered by progress."""
    plan = _plan_or_404(request, pk)
    page, totals = selectors.plan_progress(
        user=request.user, plan=plan, cursor=request.GET.get("cursor", ""), size=PROGRESS_PAGE
    )
    confirmable = selectors.confirmable_members(
        user=request.user, plan=plan, member_ids=[member.pk for member in page.items]
    )
    rows = [
        (member, HoursBar(member.hours_done, plan.target_hours), member.pk in confirmable)
        for member in page.items
    ]
    reached, total = selectors.plan_reached_count(user=request.user, plan=plan)
    readings = list(plan.readings.all())
    context = {
        "plan": plan,
        "page": page,
        "rows": rows,
        "totals": totals,
        "reached": reached,
        "total": total,
        "readings": readings,
        "lessons": list(plan.lessons.all()),
        "classes": list(plan.classes.all()),
        "can_write": can_write(request.user, plan),
        "can_confirm": bool(confirmable) and bool(readings),
    }
    return render(request, "education/plans/plan_detail.html", context)


@login_required
@require_POST
def reading_confirm(request, pk: int):
    """A secretary records, on the member's word, that the member read one of the readings:
    a writer of the plan or of the member (the action says which)."""
    plan = _plan_or_404(request, pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a member of the plan and one of its readings."))
    else:
        try:
            created = actions.reading_confirm_for_member(
                actor=request.user,
                plan=plan,
                member_id=form.cleaned_data["member"],
                reading_id=form.cleaned_data["reading"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            text = _("Reading confirmed; its hours were credited.") if created else None
            messages.success(request, text or _("This reading was already confirmed."))
    cursor = request.POST.get("cursor", "")
    url = reverse("education:plans:plan_detail", args=[plan.pk])
    return redirect(f"{url}?cursor={cursor}#progress" if cursor else f"{url}#progress")
