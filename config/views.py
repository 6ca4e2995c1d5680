from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.exceptions import Ratelimited

from config.health import run_checks
from education.attention import attention_for
from education.plans.selectors import plans_count
from members.mobility.selectors import inflow_inbox
from members.overview.selectors import BIRTHDAY_LIMIT, birthdays_week, dashboard
from members.web import access_denied, too_many_requests

API_PREFIX = "/api/"


@require_GET
@never_cache
def healthz(request):
    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@login_required
def home(request):
    context = _political_birthdays(request.user) | _to_do(request.user)
    context |= _education(request.user) | _services(request.user)
    context |= dashboard(user=request.user, today=timezone.localdate())
    return render(request, "core/home.html", context)


def _to_do(user, cap: int = 99) -> dict:
    """What waits for the secretary: registrations to take in (counted up to ``cap``)."""
    waiting = inflow_inbox(user=user).values("pk")[: cap + 1]
    return {"inbox_waiting": len(waiting), "inbox_cap": cap}


def _education(user, cap: int = 99) -> dict:
    """The education chain's card: this year's plans and what needs attention this week
    (each item one capped, indexed count: see education/attention.py)."""
    today = timezone.localdate()
    return {
        "education_year": today.year,
        "education_plans": plans_count(user=user, year=today.year, cap=cap),
        "education_cap": cap,
        "education_attention": attention_for(user, today, cap),
    }


def _services(user, cap: int = 99) -> dict:
    """The service chain's card: open and overdue requests, this month's needs collection
    (each item one capped, indexed count registered by a topic of ``services``)."""
    today = timezone.localdate()
    return {"services_attention": attention_for(user, today, cap, chain="services")}


def _political_birthdays(user, limit: int = BIRTHDAY_LIMIT) -> dict:
    """Today's and the coming week's political birthdays in the user's scope (cached per
    scope and day with the dashboard)."""
    today = timezone.localdate()
    members = birthdays_week(user=user, today=today)
    return {
        "birthdays_today": [m for m in members[:limit] if m.celebrated_on == today],
        "birthdays_week": [m for m in members[:limit] if m.celebrated_on != today],
        "birthdays_more": len(members) > limit,
    }


# Error pages: Chinese, in the app's layout; the API's keep its JSON shape ({"detail": ...}).


def bad_request(request, exception):
    """A request Django refuses before any view (e.g. too many form fields): JSON under the API."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("The request could not be read.")}, status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception):
    if isinstance(exception, Ratelimited):
        return too_many_requests(request, retry_after=60)
    access_denied.send(permission_denied, request=request)
    if request.path.startswith(API_PREFIX):
        message = _("You do not have permission to perform this action.")
        return JsonResponse({"detail": message}, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """Rendered without the request's context processors: the failing request may be why."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())
