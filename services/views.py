"""The service chain's hub: where its topics are, and what needs attention now."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.attention import attention_for
from members.web import existing_pages

# Each topic's first page, by path; a topic without pages yet is left out, not linked to a 404.
TOPIC_PAGES = [
    ("/services/cases/", _("Service requests")),
    ("/services/needs/", _("Monthly needs collection")),
    ("/services/stations/", _("Service stations")),
    ("/services/care/", _("Care")),
    ("/services/subsidies/", _("Hardship subsidies")),
]


@login_required
def hub(request):
    today = timezone.localdate()
    context = {
        "topics": existing_pages(TOPIC_PAGES),
        "attention": attention_for(request.user, today, chain="services"),
    }
    return render(request, "services/hub.html", context)
