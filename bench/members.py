"""Time the member list (`python -m bench members`) for three scopes and every search kind.

Each case runs warm: three untimed runs, then ``runs`` timed ones; we report median and p95.
The page (`/members/`) is timed through the test client when it exists, otherwise the
selector query the page runs: ``list(member_search(...).order_by("-id")[:26])``.
"""

import statistics
import time
from pathlib import Path

from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse

from members.files import crypto
from members.files.models import Member
from members.files.selectors import MemberFilters, member_search
from members.organizations.models import Organization, User

PAGE_SIZE = 25
RESULTS = Path(__file__).parent / "results" / "members.md"
SCOPES = [
    ("village secretary", "bench_village"),
    ("county viewer", "bench_county"),
    ("province (superuser)", "bench_admin"),
]


def run(*, runs: int) -> None:
    if not User.objects.filter(username="bench_admin").exists():
        raise SystemExit("No benchmark data: run `python -m bench generate` first.")
    print(f"{Member.objects.count():,} members, {Organization.objects.count():,} organisations")
    rows = []
    for scope, username in SCOPES:
        user = User.objects.get(username=username)
        for case, filters in _cases(user):
            rows.append((scope, case, *_time_selector(user, filters, runs)))
        rows.append((scope, "next page (keyset)", *_time_next_page(user, runs)))
    page_rows = _time_pages(runs)
    report = _report(rows + page_rows, runs)
    slowest = max(rows, key=lambda row: row[2])
    report += _explain(slowest)
    print(report)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print(f"written to {RESULTS}")


def _cases(user: User) -> list[tuple[str, MemberFilters]]:
    """Search terms taken from the user's own scope, so every search finds something."""
    in_scope = member_search(user=user, filters=MemberFilters()).order_by("-id")
    sample = in_scope[PAGE_SIZE * 3 // 2]
    some_org = Organization.objects.visible_to(user).order_by("-depth", "path").first()
    return [
        ("first page, no filter", MemberFilters()),
        ("name fragment (1 char: 秀)", MemberFilters(q="秀")),
        (f"full name, rare ({sample.name})", MemberFilters(q=sample.name)),
        (f"pinyin initials ({sample.name_initials})", MemberFilters(q=sample.name_initials)),
        ("exact ID number", MemberFilters(q=crypto.decrypt(sample.id_number_encrypted))),
        ("status = mobile", MemberFilters(status="mobile")),
        ("category = probationary", MemberFilters(category="probationary")),
        ("gender = F", MemberFilters(gender="F")),
        ("age band over 60", MemberFilters(age_band="over60")),
        ("organisation = one branch", MemberFilters(organization=some_org)),
        (
            "status = mobile + gender F + 30–45",
            MemberFilters(status="mobile", gender="F", age_band="30to45"),
        ),
    ]


def _fresh(user: User) -> User:
    """Forget the cached scope, as a new request would."""
    user.__dict__.pop("_sanlian_scope_paths", None)
    return user


def _time_selector(user: User, filters: MemberFilters, runs: int) -> tuple[float, float, int]:
    def query():
        return list(member_search(user=_fresh(user), filters=filters).order_by("-id")[:26])

    return _measure(query, runs)


def _time_next_page(user: User, runs: int) -> tuple[float, float, int]:
    first = list(member_search(user=user, filters=MemberFilters()).order_by("-id")[:26])
    after = first[PAGE_SIZE - 1].pk

    def query():
        members = member_search(user=_fresh(user), filters=MemberFilters())
        return list(members.filter(id__lt=after).order_by("-id")[:26])

    return _measure(query, runs)


def _time_pages(runs: int) -> list[tuple]:
    try:
        url = reverse("members:member_list")
    except NoReverseMatch:
        print("No /members/ page on this branch: timing the selector query only.")
        return []
    rows = []
    for scope, username in SCOPES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        rows.append((scope, "page GET /members/", *_measure(lambda c=client: c.get(url), runs)))
    return rows


def _measure(query, runs: int) -> tuple[float, float, int]:
    for _ in range(3):
        result = query()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        query()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    count = len(result) if isinstance(result, list) else 0
    return statistics.median(timings), p95, count


def _report(rows: list[tuple], runs: int) -> str:
    lines = [
        f"Member list on {Member.objects.count():,} members ({connection.vendor}); "
        f"warm, {runs} runs each; times in ms.\n",
        "| scope | query | median | p95 | rows |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [f"| {s} | {c} | {med:.1f} | {p95:.1f} | {n} |" for s, c, med, p95, n in rows]
    return "\n".join(lines) + "\n"


def _explain(row: tuple) -> str:
    scope, case = row[0], row[1]
    user = _fresh(User.objects.get(username=dict(SCOPES)[scope]))
    filters = dict(_cases(user)).get(case, MemberFilters())
    query = member_search(user=user, filters=filters).order_by("-id")[:26]
    sql, params = query.query.sql_with_params()
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        plan = "\n".join(str(line[0] if len(line) == 1 else line) for line in cursor.fetchall())
        if connection.vendor == "postgresql":
            sql = cursor.mogrify(sql, params).decode()
    return f"\nSlowest (median): {scope} / {case}\n\n```\n{sql}\n\n{plan}\n```\n"
