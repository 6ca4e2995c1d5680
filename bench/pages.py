"""Time every secretary page and API list for three users: `python -m bench pages`.

Each request goes through ``django.test.Client`` (session, middleware, view, template), signed
in with ``force_login`` as the village secretary, the county viewer or the superuser. Per case:
three untimed runs, one run counting its queries (``CaptureQueriesContext``), then ``runs``
timed ones (fewer when a case has used up ``max_seconds``); median and p95 are set against the
budget. The objects opened (a record, a member, an activity, …) are the village secretary's:
the record she hosts, a member of her branch, her branch's latest activity, so they lie in all
three scopes. ``--explain PAGE`` prints EXPLAIN (ANALYZE, BUFFERS) of the page's slowest query.
"""

import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from education.classes.models import TrainingClass
from education.lessons.models import Lesson
from education.packages.models import Dispatch
from education.plans.models import StudyPlan
from members.files.models import Member
from members.followup.selectors import category_counts
from members.links import tokens
from members.links import views as link_views
from members.links.models import MemberLink
from members.mobility.models import MobileRecord
from members.mobility.selectors import INFLOW, record_side
from members.organizations.models import Organization, User
from members.orglife.models import Activity
from members.overview.refresh import forget, release
from members.overview.registry import invalidate_all, written
from members.statistics import cache as statistics_cache
from services.cases.models import ServiceCase
from services.subsidies.models import SubsidyApplication

RESULTS = Path(__file__).parent / "results" / "pages.md"
USERS = {
    "village secretary": "bench_village",
    "county viewer": "bench_county",
    "superuser": "bench_admin",
}
PAGE, API, SEARCH = "page", "api", "search"
BUDGETS = {PAGE: 50, API: 30, SEARCH: 50}  # p95 in ms for the village secretary and the county
SUPERUSER_PAGE, COUNTY_HOME = 300, 150
STATISTICS_COUNTY, STATISTICS_PROVINCE = 150, 300


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    url: str = ""
    call: Callable[[User], object] | None = None  # a selector timed on its own, not a page
    skip: tuple[str, ...] = ()  # users outside whose scope the object lies
    before: Callable[[], object] | None = None  # run before each request (timed with it)
    budgets: tuple[tuple[str, int], ...] = ()  # (user, p95 in ms) where the default differs

    def budget(self, user: str) -> int:
        if user in dict(self.budgets):
            return dict(self.budgets)[user]
        if self.name.startswith("home") and user == "county viewer":
            return COUNTY_HOME
        if user == "superuser" and self.kind == PAGE:
            return SUPERUSER_PAGE
        return BUDGETS[self.kind]


@dataclass
class Result:
    case: Case
    user: str
    timings: list[float]
    queries: int
    status: int

    @property
    def median(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def ok(self) -> str:
        if self.status != 200:
            return f"HTTP {self.status}"
        return "yes" if self.p95 <= self.case.budget(self.user) else "**no**"


def cases() -> list[Case]:
    """The pages and API lists a secretary uses, opened on the village secretary's objects."""
    village = User.objects.get(username="bench_village")
    branch = village.assignments.get().organization
    town = Organization.objects.get(path=branch.path[: -Organization.steplen])
    record = MobileRecord.objects.hosted_in([branch.path]).filter(status="taken_in").first()
    member = Member.objects.filter(organization=branch, status="mobile").order_by("-id").first()
    now = timezone.now()
    activity = Activity.objects.filter(organization=branch, held_at__lte=now).first()
    outside = ("village secretary",)
    waiting = MobileRecord.objects.hosted_in([branch.path]).filter(status="waiting").first()
    return [
        Case("home", PAGE, "/"),  # the dashboard, its cache warm
        Case("home, dashboard cold", PAGE, "/", before=_cold()),
        Case("home, dashboard after a write", PAGE, "/", before=_after_a_write(record)),
        Case("member list", PAGE, "/members/"),
        Case("name search, 2 characters (王秀)", SEARCH, "/members/?q=王秀"),
        Case(
            f"pinyin initials ({member.name_initials})",
            SEARCH,
            f"/members/?q={member.name_initials}",
        ),
        Case("member detail", PAGE, f"/members/{member.pk}/"),
        Case("member management (hosted member)", PAGE, f"/management/member/{record.member_id}/"),
        Case("records, outflow", PAGE, "/records/"),
        Case("records, outflow, lost contact", PAGE, "/records/?category=lost_contact"),
        Case("records, inflow", PAGE, "/records/?side=inflow"),
        Case("records, inflow, taken in", PAGE, "/records/?side=inflow&category=taken_in"),
        Case("category counts (inflow), selector", PAGE, call=_inflow_counts),
        Case("inflow inbox", PAGE, "/records/inbox/"),
        Case("record detail (hosted)", PAGE, f"/records/{record.pk}/"),
        Case("warnings", PAGE, "/management/warnings/"),
        Case("activity list", PAGE, "/orglife/"),
        Case("activity detail (attendance sheet)", PAGE, f"/orglife/{activity.pk}/"),
        Case("orglife year, branch", PAGE, f"/orglife/year/{branch.pk}/"),
        Case("orglife year, town", PAGE, f"/orglife/year/{town.pk}/", skip=outside),
        Case("notifications inbox", PAGE, "/notifications/"),
        Case("API members", API, "/api/v1/members/"),
        Case("API records", API, "/api/v1/records/"),
        Case("API contacts", API, "/api/v1/management/contacts/"),
        Case("API dues payments", API, "/api/v1/management/dues-payments/"),
        Case("API card reviews", API, "/api/v1/management/card-reviews/"),
        Case("API activities", API, "/api/v1/activities/"),
        Case("API warnings", PAGE, "/api/v1/management/warnings/"),
        *_education_cases(town),
        *_service_cases(branch),
        *_statistics_cases(),
        # Public: the same for every user, so timed once (with the report-in to confirm).
        Case(
            "member phone page (personal link)",
            PAGE,
            _phone_page(waiting.member),
            skip=("county viewer", "superuser"),
        ),
    ]


def _cold() -> Callable[[], None]:
    """Every figure and chart stale, and no last value of the bench users' scopes to show."""
    users = list(User.objects.filter(username__in=USERS.values()))

    def before() -> None:
        invalidate_all()
        for user in users:
            forget(user)

    return before


def _after_a_write(record: MobileRecord) -> Callable[[], None]:
    """A write in every bench user's scope (the versions a save of the village secretary's
    hosted record bumps; the shared database stays as it is), each scope's refresh free again:
    every view is the first after a write, shows the last figures and queues the refresh."""
    users = list(User.objects.filter(username__in=USERS.values()))

    def before() -> None:
        written(record)
        for user in users:
            release(user)

    return before


def _education_cases(town: Organization) -> list[Case]:
    """The education chain's pages on the newest rows ``python -m bench education`` wrote
    (none before it ran: then only the lists are timed)."""
    county = Organization.objects.get(path=town.path[: -Organization.steplen])
    lesson = Lesson.objects.filter(organization=county).order_by("-id").first()
    training_class = TrainingClass.objects.filter(organization=county).order_by("-id").first()
    plan = StudyPlan.objects.filter(organization=county).order_by("-id").first()
    dispatch = Dispatch.objects.filter(organization=town).order_by("-id").first()
    details = [
        ("lesson detail (who has not opened it)", lesson, "/education/lessons/{}/"),
        ("class detail (attendance sheet)", training_class, "/education/classes/{}/"),
        ("plan detail (progress by name)", plan, "/education/plans/{}/"),
        ("dispatch detail (shipments)", dispatch, "/education/packages/{}/"),
    ]
    return [
        Case("education hub", PAGE, "/education/"),
        Case("lesson list", PAGE, "/education/lessons/"),
        Case("class list", PAGE, "/education/classes/"),
        Case("plan list", PAGE, "/education/plans/"),
        Case("dispatch list", PAGE, "/education/packages/"),
        *(Case(name, PAGE, url.format(obj.pk)) for name, obj, url in details if obj),
        Case("API lessons", API, "/api/v1/education/lessons/"),
        Case("API training classes", API, "/api/v1/education/training-classes/"),
        Case("API plans", API, "/api/v1/education/plans/"),
        Case("API shipments", API, "/api/v1/education/shipments/"),
    ]


def _service_cases(branch: Organization) -> list[Case]:
    """The service chain's pages on what ``python -m bench services`` wrote (without it, the
    lists are timed on the needs rounds alone and the details are left out)."""
    case = ServiceCase.objects.filter(organization=branch).order_by("-id").first()
    subsidy = SubsidyApplication.objects.filter(organization=branch).order_by("-id").first()
    details = [
        ("service case detail (timeline)", case, "/services/cases/{}/"),
        ("subsidy detail", subsidy, "/services/subsidies/{}/"),
    ]
    return [
        Case("services hub", PAGE, "/services/"),
        Case("service case list", PAGE, "/services/cases/"),
        Case("care record list", PAGE, "/services/care/records/"),
        Case("subsidy list", PAGE, "/services/subsidies/"),
        Case("needs rounds", PAGE, "/services/needs/"),
        Case("service station list", PAGE, "/services/stations/"),
        *(Case(name, PAGE, url.format(obj.pk)) for name, obj, url in details if obj),
        Case("API service cases", API, "/api/v1/services/cases/"),
        Case("API care records", API, "/api/v1/services/care-records/"),
        Case("API subsidies", API, "/api/v1/services/subsidies/"),
        Case("API needs entries", API, "/api/v1/services/needs/entries/"),
    ]


def _statistics_cases() -> list[Case]:
    """The official table of each user's own organisation (the superuser: the province) for
    the current year, from the cache and counted afresh (every cached table forgotten); the
    issue's budgets: a district ≤ 150 ms, a city or the province ≤ 300 ms."""
    budgets = (
        ("village secretary", STATISTICS_COUNTY),
        ("county viewer", STATISTICS_COUNTY),
        ("superuser", STATISTICS_PROVINCE),
    )
    return [
        Case("statistics table, cached", PAGE, "/statistics/", budgets=budgets),
        Case(
            "statistics table, cold (cache forgotten)",
            PAGE,
            "/statistics/",
            before=statistics_cache.forget_everything,
            budgets=budgets,
        ),
        Case("statistics Excel export, cached", PAGE, "/statistics/export/", budgets=budgets),
    ]


def _phone_page(member: Member) -> str:
    """A fresh personal link of the member, written directly as the generator writes rows
    (``link_issue`` would also queue an SMS); the timed runs are not to be rate limited."""
    MemberLink.objects.filter(member=member, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    secret = tokens.new_secret()
    link = MemberLink.objects.create(
        member=member,
        secret_hash=tokens.secret_hash(secret),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    link_views.CLIENT_RATE = link_views.PER_LINK_RATE = "1000000/m"
    return f"/m/{tokens.token_make(link.pk, secret)}/"


def _inflow_counts(user: User) -> dict:
    user = User.objects.get(pk=user.pk)  # a fresh scope cache, as a new request has
    return category_counts(record_side(user=user, side=INFLOW), today=timezone.localdate())


def run(*, runs: int, max_seconds: float, only: str = "", users: str = "") -> None:
    if not User.objects.filter(username="bench_admin").exists():
        raise SystemExit("No benchmark data: run `python -m bench generate` first.")
    print(_header(runs, max_seconds), flush=True)
    chosen = [c for c in cases() if only.lower() in c.name.lower()]
    results = []
    for label, username in USERS.items():
        if users and users not in label:
            continue
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for case in (c for c in chosen if label not in c.skip):
            result = _measure(case, label, user, client, runs, max_seconds)
            print(_line(result), flush=True)
            results.append(result)
    report = _header(runs, max_seconds) + "\n" + _table(results)
    if not only and not users:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
        print(f"written to {RESULTS}")
    print("\n" + _table(results))


def _request(case: Case, user: User, client: Client) -> Callable[[], int]:
    """A callable doing the case once and answering its HTTP status (200 for a selector)."""
    if case.call is None:

        def get() -> int:
            if case.before is not None:
                case.before()
            return client.get(case.url).status_code

        return get

    def call() -> int:
        case.call(user)
        return 200

    return call


def _measure(case, label, user, client, runs: int, max_seconds: float) -> Result:
    request = _request(case, user, client)
    for _ in range(3):
        status = request()
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = len(captured)  # now: the next request empties the connection's log
    timings, started = [], time.perf_counter()
    for _ in range(runs):
        begun = time.perf_counter()
        request()
        timings.append((time.perf_counter() - begun) * 1000)
        if time.perf_counter() - started > max_seconds and len(timings) >= 5:
            break
    return Result(case, label, timings, queries, status)


def _line(result: Result) -> str:
    budget = result.case.budget(result.user)
    return (
        f"| {result.case.name} | {result.user} | {result.median:,.1f} | {result.p95:,.1f} | "
        f"{result.queries} | {budget} | {result.ok} |"
    )


def _table(results: list[Result]) -> str:
    lines = ["| page | user | median | p95 | queries | budget | ok? |"]
    lines.append("|---|---|---:|---:|---:|---:|---|")
    lines += [_line(result) for result in results]
    fewer = [r for r in results if len(r.timings) < max(len(x.timings) for x in results)]
    notes = [f"- {r.case.name} / {r.user}: {len(r.timings)} timed runs" for r in fewer]
    return "\n".join(lines) + ("\n\n" + "\n".join(notes) if notes else "") + "\n"


def _header(runs: int, max_seconds: float) -> str:
    volumes = ", ".join(
        f"{model._meta.verbose_name_plural} {model.objects.count():,}"
        for model in (Member, MobileRecord, Activity)
    )
    database = settings.DATABASES["default"]
    return (
        f"Pages on {timezone.localdate():%Y-%m-%d}: {volumes}; {connection.vendor} "
        f"{database['NAME']} ({_setting('shared_buffers')} shared buffers), CONN_MAX_AGE "
        f"{database['CONN_MAX_AGE']}, DEBUG {settings.DEBUG}. Warm: 3 untimed runs, then {runs} "
        f"timed (at least 5, no more once a case has taken {max_seconds:.0f} s); times in ms, "
        "server time through the test client; budgets are p95.\n"
    )


def _setting(name: str) -> str:
    if connection.vendor != "postgresql":
        return "-"
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def explain(*, page: str, users: str = "") -> None:
    """Print EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECT of a page, for each user."""
    for label, username in USERS.items():
        found = [c for c in cases() if page.lower() in c.name.lower() and label not in c.skip]
        if (users and users not in label) or not found:
            continue
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        request = _request(found[0], user, client)
        request()
        with CaptureQueriesContext(connection) as captured:
            request()
        queries = captured.captured_queries
        selects = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
        slowest = max(selects, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(
            f"\n## {found[0].name} / {label}: {len(queries)} queries, slowest "
            f"{float(slowest['time']) * 1000:,.0f} ms\n\n{slowest['sql']}\n\n{plan}\n"
        )
