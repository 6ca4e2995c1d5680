"""The education chain's hub: where its topics are, and what needs attention this week."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from education.attention import attention_for
from education.plans.selectors import plans_count


@login_required
def hub(request):
    today = timezone.localdate()
    context = {
        "attention": attention_for(request.user, today),
        "plans_this_year": plans_count(user=request.user, year=today.year),
        "year": today.year,
    }
    return render(request, "education/hub.html", context)
