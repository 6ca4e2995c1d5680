"""The education chain's hub: where its topics are, and what needs attention this week."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.attention import attention_for
from education.plans.selectors import plans_count
from members.web import existing_pages

# The other topics' pages, by path: each topic names its own pages, and a topic not (yet)
# built is left out rather than linked to a 404.
TOPIC_PAGES = [
    ("/education/packages/", _("Study packages")),
    ("/education/lessons/", _("Lessons on the phone")),
    ("/education/classes/", _("Training classes")),
]


@login_required
def hub(request):
    today = timezone.localdate()
    context = {
        "topics": existing_pages(TOPIC_PAGES),
        "attention": attention_for(request.user, today),
        "plans_this_year": plans_count(user=request.user, year=today.year),
        "year": today.year,
    }
    return render(request, "education/hub.html", context)
