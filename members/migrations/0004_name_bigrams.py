"""A bigram index for two-character name searches on PostgreSQL (SQLite scans, as before).

A trigram index cannot serve ``LIKE '%王秀%'``: a two-character fragment holds no trigram. The
member list looks such a fragment up as an element of the name's two-character substrings,
``sanlian_bigrams(name) @> ARRAY['王秀']``, which this GIN expression index answers.
"""

from django.db import migrations

CREATE = [
    """
    CREATE OR REPLACE FUNCTION sanlian_bigrams(value text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
        FROM generate_series(1, char_length(value) - 1) AS i
    $$
    """,
    "CREATE INDEX IF NOT EXISTS member_name_bigrams ON members_member "
    "USING gin (sanlian_bigrams(name))",
]
DROP = [
    "DROP INDEX IF EXISTS member_name_bigrams",
    "DROP FUNCTION IF EXISTS sanlian_bigrams(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("members", "0003_scope_paths_and_warning_facts")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
