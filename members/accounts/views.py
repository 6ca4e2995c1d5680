"""Pages of signing in: the login form (rate-limited per client), the lockout page, the
admin's second factor and the API token page. Password change is Django's own view."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_ratelimit.core import get_usage
from rest_framework.authtoken.models import Token

from members.accounts import actions
from members.accounts.forms import TokenForm
from members.web import client_ip_key, too_many_requests


class LoginView(auth_views.LoginView):
    """Django's sign-in form, with a cap on attempts per client address (before the lockout
    of one account, which django-axes keeps)."""

    def post(self, request, *args, **kwargs):
        usage = get_usage(
            request, group="login", key=client_ip_key, rate=settings.LOGIN_RATE, increment=True
        )
        if usage is not None and usage["should_limit"]:
            return too_many_requests(request, retry_after=usage["time_left"])
        return super().post(request, *args, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked account or address: 429, and when to come back.

    Every try while locked starts the cool-off again (axes' default), so it ends one full
    cool-off from now."""
    cool_off = settings.AXES_COOLOFF_TIME
    until = timezone.localtime() + cool_off
    context = {"until": until, "minutes": int(cool_off.total_seconds() // 60)}
    response = render(request, "members/accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else default


def _staff_only(request) -> None:
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied


@login_required
def otp_verify(request):
    """The admin's second step: the code of the staff user's authenticator app."""
    _staff_only(request)
    done = _next(request, reverse("admin:index"))
    if request.user.is_verified():
        return redirect(done)
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': done})}")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = next((d for d in devices if d.verify_token(form.cleaned_data["otp_token"])), None)
        if device is not None:
            otp_login(request, device)
            return redirect(done)
        form.add_error("otp_token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "members/accounts/otp_verify.html", {"form": form, "next": done})


@login_required
def otp_setup(request):
    """A staff user without an authenticator adds one: scan the QR code (or type the key),
    then confirm with a code. A user who has one already is sent to the code step instead,
    so a stolen password alone cannot add a second device."""
    _staff_only(request)
    done = _next(request, reverse("admin:index"))
    if any(devices_for_user(request.user, confirmed=True)):
        return redirect(f"{reverse('otp_verify')}?{urlencode({'next': done})}")
    device = actions.totp_device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        token = form.cleaned_data["otp_token"]
        if actions.totp_device_confirm(device=device, token=token):
            otp_login(request, device)
            messages.success(request, _("Your authenticator is set up."))
            return redirect(done)
        form.add_error("otp_token", _("The code is wrong or has expired. Try the current one."))
    context = {
        "form": form,
        "next": done,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "members/accounts/otp_setup.html", context)


@login_required
@require_GET
def api_token(request):
    """The user's API token: whether there is one, issue a new one, revoke it."""
    token = Token.objects.filter(user=request.user).first()
    context = {"token": token, "new_key": request.session.pop("api_token_new", None)}
    return render(request, "members/accounts/api_token.html", context)


@login_required
@require_POST
def api_token_issue(request):
    usage = get_usage(
        request,
        group="api_token_issue",
        key="user",
        rate=settings.API_THROTTLE_RATES["token"],
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, retry_after=usage["time_left"])
    token = actions.api_token_issue(user=request.user)
    # Shown once, on the next page: the key is not put in a URL or shown again.
    request.session["api_token_new"] = token.key
    return redirect("api_token")


@login_required
@require_POST
def api_token_revoke(request):
    if actions.api_token_revoke(user=request.user):
        messages.success(request, _("Your API token is revoked."))
    return redirect("api_token")
