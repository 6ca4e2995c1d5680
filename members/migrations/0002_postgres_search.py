"""Trigram index for name fragments on PostgreSQL; SQLite has no equivalent and skips it."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS member_name_trgm ON members_member USING gin (name gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS member_name_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
