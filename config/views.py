from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.health import run_checks
from members.files.birthdays import birthdays_for
from members.mobility.selectors import inflow_inbox


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
    return render(request, "core/home.html", context)


def _to_do(user, cap: int = 99) -> dict:
    """What waits for the secretary: registrations to take in (counted up to ``cap``)."""
    waiting = inflow_inbox(user=user).values("pk")[: cap + 1]
    return {"inbox_waiting": len(waiting), "inbox_cap": cap}


def _political_birthdays(user, limit: int = 50) -> dict:
    """Today's and the coming week's political birthdays in the user's scope."""
    today = timezone.localdate()
    members = birthdays_for(user=user, day=today, days=7, limit=limit)
    return {
        "birthdays_today": [m for m in members[:limit] if m.celebrated_on == today],
        "birthdays_week": [m for m in members[:limit] if m.celebrated_on != today],
        "birthdays_more": len(members) > limit,
    }
