"""The service chain's volume on the benchmark database: `python -m bench services`.

On the database ``python -m bench generate`` filled, for one member in 25 across the province
(40,000 at 1,000,000 members): a service case handled by the member's branch with its timeline
(three events), one case in ten for a group of up to 25 members of the branch; two care records
for one member in 10; a hardship subsidy for one member in 100, decided by the town. Statuses
are spread as a year of work leaves them (most cases closed, some open, a few overdue). Rows are
written with ``bulk_create`` — the actions are timed by the test suite and by ``bench needs``;
here the volume is what matters, so that ``bench pages`` times the service pages on it.
Running it again adds nothing (it stops when cases exist).
"""

import datetime
import random
import time
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from bench.database import ensure_bench_database
from members.organizations.models import Organization, User
from services.care.models import CareRecord
from services.cases.models import CaseEvent, CaseMember, ServiceCase
from services.subsidies.models import SubsidyApplication

CASE_EVERY, CARE_EVERY, SUBSIDY_EVERY = 25, 10, 100
BATCH = 5_000
CASE_STATUSES = [  # (status, weight): a year's work
    (ServiceCase.Status.CLOSED, 60),
    (ServiceCase.Status.RESOLVED, 12),
    (ServiceCase.Status.DECLINED, 5),
    (ServiceCase.Status.IN_PROGRESS, 12),
    (ServiceCase.Status.ACCEPTED, 6),
    (ServiceCase.Status.SUBMITTED, 5),
]
SUBSIDY_STATUSES = [
    (SubsidyApplication.Status.PAID, 50),
    (SubsidyApplication.Status.APPROVED, 15),
    (SubsidyApplication.Status.DECLINED, 10),
    (SubsidyApplication.Status.SUBMITTED, 25),
]


def run(*, seed: int = 2026) -> None:
    ensure_bench_database()
    if ServiceCase.objects.exists():
        print("service cases exist already: nothing added")
        return
    rng = random.Random(seed)
    admin = User.objects.get(username="bench_admin")
    now = timezone.now()
    members = _members(CASE_EVERY)
    started = time.perf_counter()
    with transaction.atomic():
        cases = _write_cases(rng, admin, members, now)
        care = _write_care(rng, admin, _members(CARE_EVERY), now)
        subsidies = _write_subsidies(rng, admin, _members(SUBSIDY_EVERY), now)
    print(
        f"service cases {cases:,}, care records {care:,}, subsidy applications {subsidies:,} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    with connection.cursor() as cursor:
        for table in ("servicecase", "casemember", "caseevent", "carerecord", "subsidyapplication"):
            cursor.execute(f"VACUUM ANALYZE services_{table}")


def _members(every: int) -> list[tuple[int, int, str]]:
    """(id, home organisation id, home path) of one living member in ``every``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, organization_id, home_path FROM members_member "
            "WHERE id %% %s = 0 AND status <> 'deceased' ORDER BY id",
            [every],
        )
        return cursor.fetchall()


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def _write_cases(rng, admin, members, now) -> int:
    by_branch: dict[int, list[tuple[int, int, str]]] = {}
    for row in members:
        by_branch.setdefault(row[1], []).append(row)
    categories = list(ServiceCase.Category)
    written = 0
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        cases = [_case(rng, admin, row, categories, now) for row in batch]
        ServiceCase.objects.bulk_create(cases, batch_size=BATCH)
        links, events = [], []
        for case, row in zip(cases, batch, strict=True):
            for member_id, _org, path in _group(rng, row, by_branch[row[1]]):
                links.append(CaseMember(case=case, member_id=member_id, home_path=path))
            events += _timeline(case, admin)
        CaseMember.objects.bulk_create(links, batch_size=BATCH)
        CaseEvent.objects.bulk_create(events, batch_size=BATCH)
        written += len(cases)
    return written


def _group(rng, row, branch_rows) -> list[tuple[int, int, str]]:
    """The case's members: the member alone, or (one case in ten) with up to 24 others of the
    branch (story 7's group of workers)."""
    if rng.random() >= 0.1:
        return [row]
    others = [other for other in branch_rows if other != row]
    return [row, *rng.sample(others, min(len(others), 24))]


def _case(rng, admin, row, categories, now) -> ServiceCase:
    _member_id, organization_id, path = row
    filed = now - datetime.timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
    status = _weighted(rng, CASE_STATUSES)
    closed = status in (ServiceCase.Status.CLOSED, ServiceCase.Status.RESOLVED)
    return ServiceCase(
        title="诉求",
        description="流动党员反映的诉求",
        category=rng.choice(categories),
        status=status,
        organization_id=organization_id,
        handling_path=path,
        filed_at=filed,
        filed_by=admin,
        due_on=(filed + datetime.timedelta(days=14)).date(),
        accepted_at=filed if status != ServiceCase.Status.SUBMITTED else None,
        resolved_at=filed + datetime.timedelta(days=7) if closed else None,
        closed_at=filed + datetime.timedelta(days=9) if status == "closed" else None,
        resolution="已协调解决" if closed else "",
        satisfaction=rng.randint(3, 5) if status == "closed" else None,
    )


def _timeline(case: ServiceCase, admin) -> list[CaseEvent]:
    return [
        CaseEvent(case=case, kind=CaseEvent.Kind.STEP, text="提交", at=case.filed_at, actor=admin),
        CaseEvent(case=case, kind=CaseEvent.Kind.NOTE, text="已电话联系", at=case.filed_at),
        CaseEvent(
            case=case, kind=CaseEvent.Kind.STEP, text=case.get_status_display(), at=case.filed_at
        ),
    ]


def _write_care(rng, admin, members, now) -> int:
    kinds = list(CareRecord.Kind)
    today = now.date()
    records = [
        CareRecord(
            member_id=member_id,
            organization_id=organization_id,
            kind=rng.choice(kinds),
            on_date=today - datetime.timedelta(days=rng.randint(0, 700)),
            description="走访慰问留守家属",
            created_by=admin,
        )
        for member_id, organization_id, _path in members
        for _ in range(2)
    ]
    CareRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def _write_subsidies(rng, admin, members, now) -> int:
    paths = dict(Organization.objects.values_list("id", "path"))
    by_path = {path: pk for pk, path in paths.items()}
    step = Organization.steplen
    applications = []
    for member_id, organization_id, path in members:
        town_path = path[:-step] if len(path) > step else path
        status = _weighted(rng, SUBSIDY_STATUSES)
        decided = status != SubsidyApplication.Status.SUBMITTED
        applications.append(
            SubsidyApplication(
                member_id=member_id,
                organization_id=organization_id,
                approver_id=by_path.get(town_path, organization_id),
                approver_path=town_path if town_path in by_path else path,
                year=now.year,
                reason="家庭困难，申请临时救助",
                amount=Decimal(rng.choice([500, 800, 1000, 2000])),
                status=status,
                submitted_by=admin,
                submitted_at=now - datetime.timedelta(days=rng.randint(0, 300)),
                decided_by=admin if decided else None,
                decided_at=now if decided else None,
            )
        )
    SubsidyApplication.objects.bulk_create(applications, batch_size=BATCH)
    return len(applications)
