"""Benchmark the daily political-birthday run: outbox rows written per second and total time.

    python -m bench.outbox --members 1000000

Uses PostgreSQL ``sanlian_outbox_bench`` unless DATABASE_URL is set (the database is created
if missing; one whose name lacks "bench" is refused unless ``--force``, as by ``bench
generate``), fills it with synthetic members generated inside PostgreSQL (one INSERT ... SELECT
over generate_series), then times ``political_birthdays_queue`` for one day. Sending is
dispatched to a private Celery queue that nobody consumes; it is purged afterwards.
"""

import argparse
import datetime
import os
import sys
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sanlian_outbox_bench"
DAY = datetime.date(2026, 3, 5)
TREE = (7, 12, 25)  # counties, towns per county, branches per town: 2,100 branches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--day", type=datetime.date.fromisoformat, default=DAY)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--force", action="store_true", help="allow a database not named *bench*")
    args = parser.parse_args(argv)

    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    _create_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    from bench.database import ensure_bench_database

    ensure_bench_database(force=args.force)  # before anything is emptied
    call_command("migrate", verbosity=0)
    _ensure_members(args.members)
    _run(args.day, args.batch_size)
    return 0


def _create_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def _ensure_members(count: int) -> None:
    from members.files.models import Member

    existing = Member.objects.count()
    if existing == count:
        print(f"members: {count:,} already present")
        return
    started = time.perf_counter()
    _reset()
    branches = _build_tree()
    _insert_members(count, branches)
    print(f"members: generated {count:,} in {time.perf_counter() - started:.1f} s")


def _reset() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE members_notification, members_member, members_historicalmember, "
            "members_assignment, members_organization, members_historicalorganization, "
            "members_user CASCADE"
        )


def _build_tree() -> list[int]:
    """City → counties → towns → branches, with a secretary on every town and county."""
    from members.organizations.models import Assignment, Organization, User

    def node(name, kind, path, numchild):
        return Organization(
            name=name,
            kind=kind,
            region_code="630100",
            path=path,
            depth=len(path) // Organization.steplen,
            numchild=numchild,
        )

    counties, towns, branches = TREE
    city = node("西宁市委", "city", Organization._get_path(None, 1, 1), counties)
    nodes, secretaries = [city], []
    for c in range(1, counties + 1):
        county = node(f"区委{c}", "county", Organization._get_path(city.path, 2, c), towns)
        nodes.append(county)
        secretaries.append(county.path)
        for t in range(1, towns + 1):
            town = node(f"街道{c}-{t}", "town", Organization._get_path(county.path, 3, t), branches)
            nodes.append(town)
            secretaries.append(town.path)
            nodes += [
                node(f"支部{c}-{t}-{b}", "branch", Organization._get_path(town.path, 4, b), 0)
                for b in range(1, branches + 1)
            ]
    for n in nodes:
        n.secretary_name = "王生贵"
    Organization.objects.bulk_create(nodes, batch_size=1000)
    by_path = dict(Organization.objects.values_list("path", "pk"))
    users = User.objects.bulk_create(
        [User(username=f"secretary{i}", full_name=f"书记{i}") for i in range(len(secretaries))]
    )
    Assignment.objects.bulk_create(
        [
            Assignment(user=user, organization_id=by_path[path], role="secretary")
            for user, path in zip(users, secretaries, strict=True)
        ]
    )
    return list(Organization.objects.filter(kind="branch").values_list("pk", flat=True))


INSERT_MEMBERS = """
INSERT INTO members_member (
    name, name_initials, gender, ethnicity, birth_date, id_number_encrypted, id_number_hash,
    id_number_masked, phone, education, household_address, joined_party_on, join_anniversary,
    category, organization_id, skills, status, notes, photo, is_sample, created_at, updated_at)
SELECT '党员' || i, 'dy', CASE WHEN i %% 2 = 0 THEN 'M' ELSE 'F' END, '汉族',
       joined - 8000, 'x', md5(i::text), '630102********0000',
       CASE WHEN i %% 33 = 0 THEN '' ELSE '13' || lpad(i::text, 9, '0') END, '', '',
       joined, (extract(month FROM joined) * 100 + extract(day FROM joined))::int,
       'full', (%(branches)s::bigint[])[1 + i %% %(n_branches)s], '[]',
       CASE WHEN i %% 7 = 0 THEN 'mobile' ELSE 'active' END, '', '', true, now(), now()
FROM (SELECT i, DATE '1975-01-01' + ((i::bigint * 7919) %% 18250)::int AS joined
      FROM generate_series(1, %(count)s) AS i) AS s
"""


def _insert_members(count: int, branches: list[int]) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        params = {"branches": branches, "n_branches": len(branches), "count": count}
        cursor.execute(INSERT_MEMBERS, params)
        cursor.execute("ANALYZE")


def _run(day: datetime.date, batch_size: int) -> None:
    from django.db import connection

    from config.celery import app
    from members.files.birthdays import celebrating, political_birthdays_queue
    from members.outbox.models import Notification

    queue = "bench-outbox"
    app.conf.task_default_queue = queue
    Notification.objects.filter(occasion__in=[str(day.year), day.isoformat()]).delete()
    expected = celebrating(day).count()
    print(f"day {day}: {expected:,} members celebrate")
    _explain(celebrating(day).order_by("pk").values("pk")[:batch_size])

    for label in ("first run", "second run (idempotent)"):
        before = Notification.objects.count()
        started = time.perf_counter()
        political_birthdays_queue(day=day, batch_size=batch_size)
        elapsed = time.perf_counter() - started
        written = Notification.objects.count() - before
        greetings = Notification.objects.filter(kind="political_birthday", occasion=str(day.year))
        rate = written / elapsed if elapsed else 0
        print(
            f"{label}: {written:,} outbox rows ({greetings.count():,} greetings, the rest "
            f"secretaries' digests) in {elapsed:.2f} s = {rate:,.0f} rows/s"
        )
    print(f"send batches dispatched (then purged): {_purge(app, queue)}")
    _deliver(day)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")


def _deliver(day: datetime.date) -> None:
    """Send the day's greetings in this process with the development (file) SMS backend."""
    import tempfile

    from django.conf import settings

    from members.outbox.delivery import notifications_deliver
    from members.outbox.models import Notification

    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": "members.outbox.channels.FileSmsBackend",
    }
    ids = list(
        Notification.objects.filter(occasion=str(day.year), status="pending").values_list(
            "pk", flat=True
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        settings.SMS_FILE_PATH = folder
        started = time.perf_counter()
        report = notifications_deliver(ids=ids)
        elapsed = time.perf_counter() - started
    print(
        f"delivery, one process, file SMS backend: {report.as_dict()} in {elapsed:.2f} s "
        f"= {len(ids) / elapsed:,.0f} messages/s"
    )


def _explain(queryset) -> None:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print("batch query plan: " + " / ".join(line.strip() for line in plan[:4]))


def _purge(app, queue: str) -> int:
    with app.connection_for_write() as conn:
        return conn.default_channel.queue_purge(queue) or 0


if __name__ == "__main__":
    sys.exit(main())
