"""Benchmark publishing a lesson to a whole subtree: deliveries and SMS written, then sent.

    python -m bench publish --members 100000

Uses PostgreSQL ``sanlian_publish_bench`` unless DATABASE_URL is set (created if missing; a
database whose name lacks "bench" is refused unless ``--force``). Reuses its members when the
count matches, else fills the city's tree with synthetic members (one INSERT … SELECT, as
``bench.outbox`` does). Then publishes one lesson to every member under the city through
``lesson_publish`` and lets the outbox deliver as a worker would, in this process (Celery eager,
the file SMS backend): the seconds of each part and the peak memory (RSS) are printed. The
requirement: 100,000 members written and delivered in ≤ 60 s with flat memory.
"""

import os
import resource
import sys
import tempfile
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sanlian_publish_bench"


def prepare_environment() -> None:
    """Before Django starts: this benchmark's own database, created if missing."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if os.environ["DATABASE_URL"].startswith("postgres"):
        from bench.outbox import _create_database

        _create_database(os.environ["DATABASE_URL"])


def run(*, members: int, force: bool = False) -> None:
    from django.core.management import call_command

    from bench.database import ensure_bench_database

    ensure_bench_database(force=force)
    call_command("migrate", verbosity=0)
    _ensure_members(members)
    _publish_and_deliver()


def _ensure_members(count: int) -> None:
    from django.db import connection, transaction

    from bench import outbox
    from members.files.models import Member

    if Member.objects.count() == count:
        print(f"members: {count:,} already present")
        return
    started = time.perf_counter()
    outbox._reset()
    branches = outbox._build_tree()
    with transaction.atomic(), connection.cursor() as cursor:
        params = {"branches": branches, "n_branches": len(branches), "count": count}
        cursor.execute(_insert_members_sql(), params)
        # The benchmark's members are current and under the city: everyone is in the group.
        cursor.execute(
            "UPDATE members_member AS m SET home_path = o.path FROM members_organization AS o "
            "WHERE o.id = m.organization_id"
        )
        cursor.execute("ANALYZE")
    print(f"members: generated {count:,} in {time.perf_counter() - started:.1f} s")


def _insert_members_sql() -> str:
    """bench.outbox's members, with the columns it predates (the paths filled just after)."""
    from bench import outbox

    sql = outbox.INSERT_MEMBERS.replace(
        "is_sample, created_at, updated_at)",
        "is_sample, created_at, updated_at, standing, home_path, host_path)",
    )
    return sql.replace("true, now(), now()", "true, now(), now(), '', '', ''")


def _publish_and_deliver() -> None:
    from django.conf import settings
    from django.db import connection, transaction
    from django.db.models import Count

    from config.celery import app
    from education.audience import Audience
    from education.lessons.actions import lesson_create, lesson_publish
    from members.organizations.models import Organization, User
    from members.outbox.models import Notification

    city = Organization.objects.get(depth=1)
    actor, _created = User.objects.get_or_create(
        username="bench_publisher", defaults={"full_name": "组织部", "is_superuser": True}
    )
    lesson = lesson_create(actor=actor, organization=city, title=f"基准课程 {time.time():.0f}")
    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": "members.outbox.channels.FileSmsBackend",
    }
    app.conf.task_always_eager = True  # after commit, each send batch runs here, as a worker
    rss_before = _peak_rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        settings.SMS_FILE_PATH = folder
        started = time.perf_counter()
        # The outer transaction holds the sending back until the rows are written, as a
        # request's would: the first time is the writing, the rest the delivery after commit.
        with transaction.atomic():
            count = lesson_publish(
                actor=actor, lesson=lesson, audience=Audience(city, mobile_only=False)
            )
            written = time.perf_counter()
        delivered = time.perf_counter()
    statuses = dict(
        Notification.objects.filter(occasion=f"lesson:{lesson.pk}")
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    print(f"published to {count:,} members; outbox rows by status: {statuses}")
    print(
        f"written in {written - started:.1f} s, delivered in {delivered - written:.1f} s: "
        f"{delivered - started:.1f} s in all ({count / (delivered - started):,.0f} members/s)"
    )
    print(f"peak RSS: {rss_before:.0f} MB before, {_peak_rss_mb():.0f} MB after")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")


def _peak_rss_mb() -> float:
    # Linux reports kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit("Run it as: python -m bench publish --members 100000")
