"""Reading the audit log: for the audit administrator only (三员分立)."""

from django.db.models import QuerySet

from members.audit.models import AuditEvent
from members.organizations.models import User
from members.organizations.roles import may_read_audit_log


def audit_log_readable(user: User) -> bool:
    """Whether ``user`` may read the audit log: the audit administrator, nobody else (not a
    superuser, not the system or security administrator) — ``roles.may_read_audit_log``."""
    return may_read_audit_log(user)


def audit_events(*, user: User) -> QuerySet[AuditEvent]:
    """The audit log, newest first; empty for anyone who may not read it."""
    if not audit_log_readable(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.order_by("-at", "-id")
