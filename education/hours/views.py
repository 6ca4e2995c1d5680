"""The page for hours a member studied elsewhere (offline concentrated study)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from education.hours.actions import hours_add_other
from education.hours.forms import OtherCreditForm
from members.files.selectors import member_get
from members.scoping import ensure_can_write
from members.web import get_or_404


@login_required
def credit_add(request, member_pk: int):
    member = get_or_404(member_get, user=request.user, pk=member_pk)
    ensure_can_write(request.user, member)
    form = OtherCreditForm(request.POST or None, initial={"studied_on": timezone.localdate()})
    posted = request.method == "POST" and form.is_valid()
    if posted and form.call(
        hours_add_other, actor=request.user, member=member, **form.cleaned_data
    ):
        messages.success(request, _("The study hours were recorded."))
        return redirect(f"{member.get_absolute_url()}#study-hours")
    return render(request, "education/hours/credit_form.html", {"form": form, "member": member})
