"""What pages and the API share: objects from selectors or 404, action errors on forms, and the
API's mapping of domain errors to HTTP answers (400 field errors, 403, 404, 409)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.dispatch import Signal
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from members.scoping import has_role, has_write_role
from members.workflow import TransitionError

PAGE_SIZE, MAX_PAGE_SIZE = 25, 100
# The phone's own pickers: a date, a month, a date and time.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

# Sent with the request for every 403 a page or the API answers (config.views.permission_denied,
# api_exception_handler); the audit log (members.audit.receivers) records it.
access_denied = Signal()


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    ``X-Forwarded-For`` entry the outermost trusted proxy added.

    Entries left of that one were written by the client and can say anything, so they are never
    used; with no trusted proxy the header is ignored entirely.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_ip_key(group, request) -> str:
    """``client_ip`` as a django-ratelimit key (``key=client_ip_key``)."""
    return client_ip(request)


def get_or_404(selector: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a selector that reads one object; a missing or out-of-scope one is a 404."""
    try:
        return selector(**kwargs)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None


def ensure_writer(user) -> None:
    """For pages that create something: 403 unless the user may write somewhere."""
    if not has_write_role(user):
        raise PermissionDenied


def too_many_requests(request, *, retry_after: int) -> HttpResponse:
    """The Chinese 429 page, saying (and telling the browser) when to try again."""
    retry_after = max(int(retry_after), 1)
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def existing_pages(pages):
    """The (path, label) pairs whose path resolves: a hub links each topic's first page, and a
    topic without pages (yet) is left out rather than linked to a 404."""
    found = []
    for path, label in pages:
        try:
            resolve(path)
        except Resolver404:
            continue
        found.append((path, label))
    return found


def page_size(request, default: int = PAGE_SIZE) -> int:
    """``?size=`` within 1 … ``MAX_PAGE_SIZE``; anything else gives the default."""
    try:
        return min(max(int(request.GET.get("size", default)), 1), MAX_PAGE_SIZE)
    except ValueError:
        return default


def add_action_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put each message of an action's ValidationError on its field (or on the whole form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    errors = {
        (name if name in form.fields else NON_FIELD_ERRORS): messages
        for name, messages in exc.error_dict.items()
    }
    form.add_error(None, ValidationError(errors))


class ActionFormMixin:
    """A form whose cleaned data goes to an action; the action's errors come back onto it."""

    def add_action_error(self, error: ValidationError) -> None:
        add_action_errors(self, error)

    def action_fields(self) -> dict:
        """Keyword arguments for the form's action."""
        return dict(self.cleaned_data)

    def call(self, action: Callable[..., Any], **kwargs: Any) -> Any:
        """Run the action; on a ``ValidationError`` show it on the form and return ``None``."""
        try:
            return action(**kwargs)
        except ValidationError as exc:
            add_action_errors(self, exc)
            return None


class WriteRolePermission(permissions.BasePermission):
    """Writes need a secretary or officer role somewhere; the action checks where.

    On detail routes the check waits for ``has_object_permission``, so an outsider asking for
    an object outside its scope gets the queryset's 404 rather than a 403 confirming it exists.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS or view.lookup_field in view.kwargs:
            return True
        return has_write_role(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or has_write_role(request.user)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The record changed; reload it and try again.")
    default_code = "conflict"


def api_exception_handler(exc, context):
    """DRF's handler, plus the domain's errors: field errors → 400, refused step → 409, and
    a missing object is a plain 404."""
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, TransitionError):
        exc = Conflict(str(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # its own message names a model, in English
    response = exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_403_FORBIDDEN:
        access_denied.send(api_exception_handler, request=context["request"])
    return response


def _validation_detail(exc: ValidationError) -> dict:
    key = api_settings.NON_FIELD_ERRORS_KEY
    if not hasattr(exc, "error_dict"):
        return {key: exc.messages}
    return {
        key if field == NON_FIELD_ERRORS else field: messages
        for field, messages in exc.message_dict.items()
    }


def permissions_context(request) -> dict:
    """Template context: whether to offer the pages that write (menus show only what works)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_write_somewhere": SimpleLazyObject(lambda: has_write_role(user)),
        "has_scope": SimpleLazyObject(lambda: has_role(user)),
    }
