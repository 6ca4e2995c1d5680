"""Events the audit log hears rather than being called for: sign-ins (Django's auth signals),
refusals (``members.web.access_denied``), status changes (``members.workflow.transitioned``)
and role changes (django-simple-history's rows of ``Assignment`` and ``User``, so no write
path — page, admin, API, shell — can skip them). Connected by ``MembersConfig.ready``."""

from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from members.audit.actions import Kind, Outcome, audit_record, current_request
from members.organizations.models import Assignment, User
from members.web import access_denied
from members.workflow import transitioned

# The fields of an account that decide what it may do.
USER_RIGHTS = ("admin_role", "is_staff", "is_active", "is_superuser")
CHANGE = {"+": "added", "~": "changed", "-": "removed"}


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(kind=Kind.LOGIN, request=request, actor=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the name tried: Django has already masked the password, and it is never read here.
    username = str(credentials.get("username", ""))
    audit_record(kind=Kind.LOGIN_FAILED, request=request, username=username, outcome=Outcome.FAILED)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    audit_record(kind=Kind.LOGOUT, request=request, actor=user)


def _locked_out(sender, request, username, **kwargs):
    """django-axes locked the account or the client, or refused a sign-in while locked."""
    audit_record(kind=Kind.LOCKOUT, request=request, username=username, outcome=Outcome.DENIED)


if apps.is_installed("axes"):  # the lockout of the authentication settings
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="audit_locked_out")


@receiver(access_denied)
def _denied(sender, request, **kwargs):
    detail = {"method": request.method, "path": request.path}
    audit_record(kind=Kind.DENIED, request=request, outcome=Outcome.DENIED, detail=detail)


@receiver(transitioned)
def _transitioned(sender, instance, step, source, target, **kwargs):
    """Recorded once the step is committed: a step rolled back did not happen, and an object
    being created has its id only then. The actor is the one the action names for the
    object's history, else the request's user (none for a step a scheduled task takes)."""
    request = current_request()
    detail = {"step": step, "from": source, "to": target}

    def record():
        actor = getattr(instance, "_history_user", None)
        audit_record(
            kind=Kind.TRANSITION, request=request, actor=actor, obj=instance, detail=detail
        )

    transaction.on_commit(record)


@receiver(post_create_historical_record, sender=Assignment.history.model)
def _assignment_changed(sender, instance, history_instance, history_user=None, **kwargs):
    detail = {
        "change": CHANGE[history_instance.history_type],
        "user_id": instance.user_id,
        "organization_id": instance.organization_id,
        "role": instance.role,
    }
    audit_record(kind=Kind.ROLE_CHANGE, actor=history_user, obj=instance, detail=detail)


@receiver(post_create_historical_record, sender=User.history.model)
def _user_changed(sender, instance, history_instance, history_user=None, **kwargs):
    """Only a change of what the account may do; a new account only if it has rights beyond
    its assignments (staff, superuser, an administrator role)."""
    changes = _rights_changes(history_instance)
    if history_instance.history_type == "-" or changes:
        detail = {"change": CHANGE[history_instance.history_type], "fields": changes}
        audit_record(kind=Kind.ROLE_CHANGE, actor=history_user, obj=instance, detail=detail)


def _rights_changes(history_instance) -> dict:
    if history_instance.history_type == "+":
        granted = [f for f in USER_RIGHTS if f != "is_active" and getattr(history_instance, f)]
        return {field: [None, getattr(history_instance, field)] for field in granted}
    previous = history_instance.prev_record if history_instance.history_type == "~" else None
    if previous is None:
        return {}
    return {
        field: [getattr(previous, field), getattr(history_instance, field)]
        for field in USER_RIGHTS
        if getattr(previous, field) != getattr(history_instance, field)
    }
