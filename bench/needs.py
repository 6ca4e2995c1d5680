"""The monthly needs collection at provincial scale: `python -m bench needs`.

On the database ``python -m bench generate`` filled: open this month's collection for the
whole province (every organisation, one ``INSERT … SELECT`` per table) as the superuser, timed,
then open it again (idempotent: adds nothing), timed. Fill a share of the bench county's rows
through the fill action (once: a county with rows filled is left as it is), so its counters and
categories are not all zero. Then time the district summary page for that county through the
test client as the county viewer and as the superuser (median/p95 over ``runs``, queries per
page) and print EXPLAIN (ANALYZE, BUFFERS) of each of its SELECTs. Nothing is deleted: the
rounds stay for the other benchmarks and a rerun.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.utils import timezone

from members.organizations.models import Organization, User
from services.needs import actions
from services.needs.models import NeedsEntry, NeedsRound

SUMMARY_BUDGET = 150  # ms, p95
FILLED_ROWS = 1500
USERS = {"county viewer": "bench_county", "superuser": "bench_admin"}
NEEDS = [
    ("unpaid_wages", "工地拖欠工资"),
    ("children", "孩子随迁入学"),
    ("skills", "想参加技能培训"),
    ("policy", "咨询异地医保"),
]


def run(*, runs: int = 20, explain: bool = True, open_rounds: bool = True) -> None:
    admin = User.objects.get(username="bench_admin")
    month = actions.month_start(timezone.localdate())
    if open_rounds:
        _open_province(admin, month)
    county = _bench_county()
    _fill_some(county, month)
    url = f"/services/needs/summary/?month={month:%Y-%m}&organization={county.pk}"
    print(f"\nsummary of {county.name} ({url}), {runs} timed runs, budget p95 {SUMMARY_BUDGET} ms")
    print(
        "| page | user | median | p95 | queries | budget | ok? |\n|---|---|---:|---:|---:|---:|---|"
    )
    for label, username in USERS.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        timings, queries = _measure(client, url, runs)
        median, p95 = statistics.median(timings), _p95(timings)
        ok = "yes" if p95 <= SUMMARY_BUDGET else "NO"
        print(
            f"| needs summary | {label} | {median:,.1f} | {p95:,.1f} | {len(queries)} | "
            f"{SUMMARY_BUDGET} | {ok} |"
        )
        if explain:
            _explain(queries)


def _open_province(admin: User, month) -> None:
    roots = list(Organization.get_root_nodes())
    for attempt in ("first", "again"):
        begun = time.perf_counter()
        opened = {"rounds": 0, "entries": 0}
        for root in roots:
            done = actions.needs_rounds_open(actor=admin, organization=root, month=month)
            opened = {key: opened[key] + done[key] for key in opened}
        seconds = time.perf_counter() - begun
        print(
            f"open {month:%Y-%m} for the province ({attempt}): {opened['rounds']:,} rounds, "
            f"{opened['entries']:,} rows in {seconds:,.1f} s"
        )
    # As autovacuum would after such a write: the planner needs the new rows' statistics.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE services_needsround, services_needsentry")
    rounds = NeedsRound.objects.filter(month=month)
    print(
        f"the month holds {rounds.count():,} rounds and "
        f"{NeedsEntry.objects.filter(round__month=month).count():,} rows"
    )


def _bench_county() -> Organization:
    branch = User.objects.get(username="bench_village").assignments.get().organization
    step = Organization.steplen
    return Organization.objects.get(path=branch.path[: -2 * step])


def _fill_some(county: Organization, month) -> None:
    """A share of the county's rows filled through the action, by each round's handlers."""
    rows = NeedsEntry.objects.filter(path__startswith=county.path, round__month=month)
    if rows.exclude(outcome="").exists():
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE services_needsround, services_needsentry")
    admin = User.objects.get(username="bench_admin")
    begun = time.perf_counter()
    chosen = list(rows.order_by("round_id", "id")[:FILLED_ROWS])
    for index, entry in enumerate(chosen):
        if index % 5 == 0:
            category, needs = NEEDS[index // 5 % len(NEEDS)]
            actions.needs_entry_fill(
                actor=admin,
                entry=entry,
                outcome="needs",
                method="phone",
                needs=needs,
                category=category,
            )
        elif index % 5 == 4:
            actions.needs_entry_fill(actor=admin, entry=entry, outcome="unreachable")
        else:
            actions.needs_entry_fill(actor=admin, entry=entry, outcome="no_needs", method="wechat")
    seconds = time.perf_counter() - begun
    print(
        f"filled {len(chosen):,} rows of {county.name} through the action in {seconds:,.1f} s "
        f"({1000 * seconds / max(len(chosen), 1):,.1f} ms a row)"
    )


class QueryLog:
    """Each statement a request sends, with its time (the test client's request signals
    empty ``connection.queries``, so it is recorded here)."""

    def __init__(self):
        self.queries: list[dict] = []

    def __call__(self, execute, sql, params, many, context):
        begun = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - begun
            self.queries.append({"sql": sql, "params": params, "time": seconds})


def _measure(client: Client, url: str, runs: int) -> tuple[list[float], list[dict]]:
    for _ in range(3):
        assert client.get(url).status_code == 200
    log = QueryLog()
    with connection.execute_wrapper(log):
        client.get(url)
    timings = []
    for _ in range(runs):
        begun = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - begun) * 1000)
    return timings, log.queries


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _explain(queries: list[dict]) -> None:
    selects = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    for query in sorted(selects, key=lambda q: -float(q["time"]))[:4]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"], query["params"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\n{float(query['time']) * 1000:,.1f} ms: {query['sql'][:300]}\n{plan}\n")
