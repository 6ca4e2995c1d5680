import pytest
from django.contrib.contenttypes.models import ContentType

from members.audit.models import AuditEvent
from members.organizations.models import AdminRole
from tests.factories import UserFactory


@pytest.fixture
def auditor(db):
    """The audit administrator: signs in to the admin, reads the audit log, nothing else."""
    return UserFactory(
        username="shenji", full_name="审计管理员", is_staff=True, admin_role=AdminRole.AUDIT
    )


@pytest.fixture
def system_admin(db):
    return UserFactory(
        username="xitong", full_name="系统管理员", is_staff=True, admin_role=AdminRole.SYSTEM
    )


def events(kind: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=kind).order_by("id"))


def events_about(obj, kind: str) -> list[AuditEvent]:
    """The events of ``kind`` about one object (ids alone repeat across models)."""
    content_type = ContentType.objects.get_for_model(obj)
    rows = AuditEvent.objects.filter(kind=kind, content_type=content_type, object_id=str(obj.pk))
    return list(rows.order_by("id"))
