"""On PostgreSQL the table itself is append-only: the migration's trigger rejects UPDATE and
DELETE from any client, past the model (run with DATABASE_URL=postgres://…)."""

import pytest
from django.db import InternalError, connection, transaction

from members.audit.actions import Kind, audit_record
from members.audit.models import AuditEvent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger"),
]


def run(sql: str, pk: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [pk])


def test_an_update_is_rejected_by_the_database():
    event = audit_record(kind=Kind.LOGOUT)
    with pytest.raises(InternalError, match="append-only"):
        run("UPDATE members_auditevent SET outcome = 'failed' WHERE id = %s", event.pk)


def test_a_delete_is_rejected_by_the_database():
    event = audit_record(kind=Kind.LOGOUT)
    with pytest.raises(InternalError, match="append-only"):
        run("DELETE FROM members_auditevent WHERE id = %s", event.pk)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_insert_is_allowed():
    audit_record(kind=Kind.LOGOUT)
    assert AuditEvent.objects.count() >= 1
