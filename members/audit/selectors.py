"""Reading the audit log: for the audit administrator only (三员分立)."""

from django.db.models import QuerySet

from members.audit.models import AuditEvent
from members.organizations.models import AdminRole, User
from members.organizations.roles import holds_admin_role


def audit_log_readable(user: User) -> bool:
    """Whether ``user`` may read the audit log: the audit administrator, nobody else (not a
    superuser, not the system or security administrator)."""
    return holds_admin_role(user, AdminRole.AUDIT)


def audit_events(*, user: User) -> QuerySet[AuditEvent]:
    """The audit log, newest first; empty for anyone who may not read it."""
    if not audit_log_readable(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.order_by("-at", "-id")
