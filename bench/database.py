"""The benchmark's database: the refusal to touch any other, the wipe, and bulk writing.

Rows are written by ``COPY`` on PostgreSQL (``bulk_create`` elsewhere) with their ids given, so
one generated table can refer to another's rows without reading them back; the sequences are
moved past the ids afterwards.
"""

import contextlib
import datetime
import io
import json
import time

from django.db import connection

FLUSH_ROWS = 20_000
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def ensure_bench_database(*, force: bool = False) -> str:
    """Return the database's name, or exit unless it contains "bench" (or ``force``)."""
    database = str(connection.settings_dict["NAME"])
    if "bench" not in database and not force:
        raise SystemExit(f"Refusing to wipe database {database!r}: its name lacks 'bench'.")
    return database


def wipe() -> None:
    """Empty every table of the app (and its users), restarting the ids at 1."""
    tables = [t for t in connection.introspection.table_names() if t.startswith("members_")]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            return
        with connection.constraint_checks_disabled():
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


class RowWriter:
    """Collect rows (tuples in ``columns`` order) for one model and write them in batches."""

    def __init__(self, model, columns: list[str]):
        self.model, self.columns, self.rows, self.written = model, columns, [], 0

    def __enter__(self) -> "RowWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None:
            self.flush()

    @property
    def next_id(self) -> int:
        """The id of the next row, for tables emptied before the load (ids from 1)."""
        return self.written + len(self.rows) + 1

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            self._copy()
        else:
            objects = [self.model(**dict(zip(self.columns, row, strict=True))) for row in self.rows]
            self.model.objects.bulk_create(objects, batch_size=500)
        self.written += len(self.rows)
        self.rows = []

    def _copy(self) -> None:
        buffer = io.StringIO()
        for row in self.rows:
            buffer.write("\t".join(map(_copy_value, row)))
            buffer.write("\n")
        buffer.seek(0)
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {table} ({', '.join(self.columns)}) FROM STDIN", buffer, size=1 << 20
            )


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


@contextlib.contextmanager
def deferred_indexes(models):
    """Drop the tables' non-unique indexes for the load and build them again afterwards.

    Building an index once over loaded rows is several times faster than maintaining it row by
    row (the trigram index above all). The same definitions come back, whatever happens.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")
        print(f"indexes: {len(indexes)} rebuilt in {time.perf_counter() - started:.1f} s")


def reset_sequences(models) -> None:
    """Move each table's id sequence past the ids written by hand."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce(max(id), 0) + 1, false) FROM {table}"
            )


def vacuum_analyze() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def table_sizes(models) -> list[tuple[str, int, int]]:
    """(table, rows, bytes with indexes and TOAST) for each model's table."""
    sizes = []
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT count(*) FROM {table}")
            rows = cursor.fetchone()[0]
            size = 0
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                size = cursor.fetchone()[0]
            sizes.append((table, rows, size))
    return sizes


def database_size() -> int:
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]
