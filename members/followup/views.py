"""Pages of differentiated management: the warnings list and a member's management file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup import actions, selectors
from members.followup.forms import FORMS, CardReviewForm, WarningFilterForm
from members.followup.models import Code
from members.web import get_or_404

LIST_LIMIT = 50


def _member_or_404(request, pk: int) -> Member:
    return get_or_404(selectors.managed_member_get, user=request.user, pk=pk)


@login_required
def warning_list(request):
    code = WarningFilterForm(request.GET).code_chosen()
    page = selectors.warning_list(
        user=request.user,
        today=timezone.localdate(),
        code=code,
        cursor=request.GET.get("cursor", ""),
    )
    context = {
        "records": page.items,
        "page": page,
        "query": f"code={code}" if code else "",
        "code": code,
        "codes": Code.choices,
    }
    return render(request, "members/followup/warnings.html", context)


@login_required
def member_management(request, pk: int):
    member = _member_or_404(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "members/followup/member.html",
        {
            "member": member,
            "management": selectors.member_management(member=member, today=today),
            "steps": actions.management_steps(request.user, member),
            "paid_to": selectors.dues_paid_to(member),
            "rates": member.dues_rates.select_related("by")[:LIST_LIMIT],
            "payments": member.dues_payments.select_related("organization", "recorded_by")[
                :LIST_LIMIT
            ],
            "contacts": member.contacts.select_related("by")[:LIST_LIMIT],
            "marks": member.lost_contact_marks.select_related("by", "cleared_by")[:LIST_LIMIT],
            "reviews": member.card_reviews.select_related("by")[:LIST_LIMIT],
            "work": member.assigned_work.select_related("by")[:LIST_LIMIT],
            "forms": FORMS,
        },
    )


@login_required
def member_form(request, pk: int, name: str):
    """One management form for one member; the action decides what the user may do."""
    form_class = FORMS.get(name)
    if form_class is None:
        raise Http404
    member = _member_or_404(request, pk)
    try:
        actions.management_step_ensure(request.user, member, name)
    except ValidationError as error:  # not now: back to the member, told why
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("management:member", args=[member.pk]))
    form = form_class(request.POST or None, initial=_initial(form_class))
    if request.method == "POST" and form.is_valid():
        try:
            form.save(actor=request.user, member=member)
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("management:member", args=[member.pk]))
    return render(request, "members/followup/form.html", {"member": member, "form": form})


def _initial(form_class) -> dict:
    today = timezone.localdate()
    if form_class is CardReviewForm:
        return {"year": today.year - 1}
    return {"since": today, "period_from": today, "period_to": today}
