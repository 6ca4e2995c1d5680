"""Provincial-scale synthetic data: `python -m bench generate --members 1000000`.

The whole management chain at realistic volume: the tree and its users, members, mobile
records in every state with their timelines, contacts, dues, card reviews, organisational life
with attendance, and the outbox's history. Derived fields are computed as the actions compute
them, but rows are written in bulk (COPY on PostgreSQL, ``bulk_create`` elsewhere) with the
secondary indexes built once at the end. No history rows are written: pages do not read them.
"""

import random
import time

from django.db.models import Count

from bench.database import (
    database_size,
    deferred_indexes,
    ensure_bench_database,
    reset_sequences,
    table_sizes,
    vacuum_analyze,
    wipe,
)
from bench.generate.followup import Followup
from bench.generate.members import write_member_history, write_members
from bench.generate.orglife import write_orglife
from bench.generate.outbox import Outbox, outbox_start
from bench.generate.records import TripMaker, derive_member_status, write_externals, write_records
from bench.generate.timeline import write_events
from bench.generate.tree import build_province
from members.files.models import Member
from members.followup.actions import stored_copies_repair
from members.followup.models import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)
from members.mobility.models import MobileRecord, RecordEvent
from members.organizations.models import Assignment, Organization, User
from members.orglife.models import Activity, Attendance
from members.outbox.models import Notification

NUMBERED = [
    Member,
    MobileRecord,
    RecordEvent,
    ContactLog,
    LostContactMark,
    DuesRate,
    DuesPayment,
    ActivityCardReview,
    AssignedWork,
    Activity,
    Attendance,
    Notification,
]
LOADED = [*NUMBERED, Member.history.model]


class Clock:
    def __init__(self):
        self.started = time.perf_counter()

    def report(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:7.1f} s] {message}", flush=True)


def generate(*, members: int, seed: int = 2026, force: bool = False) -> None:
    """Replace all data of the benchmark database with a synthetic province."""
    database = ensure_bench_database(force=force)
    clock = Clock()
    wipe()
    province = build_province()
    clock.report(f"tree: {Organization.objects.count():,} organisations, users")
    with deferred_indexes(LOADED):
        _load(members, province, random.Random(seed), clock)
    reset_sequences(NUMBERED)
    clock.report("indexes and sequences done; VACUUM ANALYZE")
    vacuum_analyze()
    # The scope paths and warning facts rows keep, as the nightly repair computes them.
    clock.report(f"stored copies: {stored_copies_repair()}; VACUUM ANALYZE again")
    vacuum_analyze()
    clock.report(f"done: {database}")
    _summary()


def _load(members: int, province, rng: random.Random, clock: Clock) -> None:
    people = write_members(count=members, province=province, rng=rng, report=clock.report)
    clock.report(f"members: {len(people):,}")
    maker = TripMaker(province, people, write_externals(), rng)
    trips = maker.make()
    write_records(trips=trips, maker=maker)
    since = outbox_start(maker.today)
    notices = write_events(trips=trips, maker=maker, since=since)
    clock.report(f"records: {len(trips):,} with their timelines")
    clock.report(f"member status derived for {derive_member_status():,} members")
    write_member_history()
    clock.report("member history: creation and status change")
    followup = Followup(trips, maker)
    followup.write(clock.report)
    notices += followup.warnings(since)
    current = _current_members(len(people))
    write_orglife(trips=trips, maker=maker, current=current, report=clock.report)
    kinds = Outbox(maker, current, notices).write()
    clock.report(
        f"outbox: {sum(kinds.values()):,} ({', '.join(f'{k} {n:,}' for k, n in kinds.items())})"
    )


def _current_members(count: int) -> bytearray:
    """1 for each member still taking part (active or mobile), by member id − 1."""
    current = bytearray(count)
    ids = Member.objects.filter(status__in=Member.CURRENT_STATUSES).values_list("id", flat=True)
    for member in ids.iterator(chunk_size=50_000):
        current[member - 1] = 1
    return current


def _summary() -> None:
    print("\n| table | rows | size (MB) |\n|---|---:|---:|")
    for table, rows, size in table_sizes([Organization, User, Assignment, *LOADED]):
        print(f"| {table} | {rows:,} | {size / 2**20:,.0f} |")
    print(f"\ndatabase: {database_size() / 2**30:.2f} GiB")
    statuses = Member.objects.order_by().values_list("status").annotate(n=Count("id"))
    print("member status: " + ", ".join(f"{s} {n:,}" for s, n in sorted(statuses)))
    records = MobileRecord.objects.order_by().values_list("status").annotate(n=Count("id"))
    print("record status: " + ", ".join(f"{s} {n:,}" for s, n in sorted(records)))
