import datetime

import pytest

from config.celery import app as celery_app


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    """Fast password hashing and in-process Celery unless a test starts a real worker; rate
    limits and API throttles (counted in the cache) start afresh in each test."""
    from django.core.cache import cache

    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def client():
    """pytest-django's ``client``, whose ``force_login`` verifies staff with a TOTP device."""
    from tests.factories import VerifiedClient

    return VerifiedClient()


# --- Personas -------------------------------------------------------------------------------
# Tree: 西宁市委 ─┬ 城东区委 ─ 大街街道党工委 (A) ─ 大街社区党支部 (A1)
#                └ 城中区委 (B county) ─ 南滩街道党工委 (B) ─ 南滩流动党员党支部 (B1)


@pytest.fixture
def tree(db):
    from types import SimpleNamespace

    from tests.factories import make_organization

    city = make_organization("中共西宁市委", kind="city", region_code="630100")
    county_a = make_organization("中共西宁市城东区委", parent=city, kind="county")
    town_a = make_organization("大街街道党工委", parent=county_a, kind="town")
    branch_a1 = make_organization("大街社区党支部", parent=town_a, kind="branch")
    county_b = make_organization(
        "中共西宁市城中区委", parent=city, kind="county", region_code="630103"
    )
    town_b = make_organization("南滩街道党工委", parent=county_b, kind="town", region_code="630103")
    branch_b1 = make_organization(
        "南滩街道流动党员党支部", parent=town_b, kind="mobile_branch", region_code="630103"
    )
    return SimpleNamespace(
        city=city,
        county_a=county_a,
        town_a=town_a,
        branch_a1=branch_a1,
        county_b=county_b,
        town_b=town_b,
        branch_b1=branch_b1,
    )


def _persona(username, full_name, organization=None, role=None):
    from tests.factories import UserFactory, assign

    user = UserFactory(username=username, full_name=full_name)
    if organization is not None:
        assign(user, organization, role)
    return user


@pytest.fixture
def secretary_a(tree):
    """Secretary of 大街街道党工委 (read-write on town A)."""
    return _persona("mahuiyan", "马慧艳", tree.town_a, "secretary")


@pytest.fixture
def secretary_b(tree):
    """Secretary of 南滩街道党工委 (read-write on town B)."""
    return _persona("liudehua", "刘德花", tree.town_b, "secretary")


@pytest.fixture
def receiving_b1(tree):
    """Secretary of 南滩街道流动党员党支部 only: the receiving branch, not the town above it."""
    return _persona("nantan_branch", "南滩流动支部书记", tree.branch_b1, "secretary")


@pytest.fixture
def officer_a1(tree):
    """Organisation officer of 大街社区党支部 (read-write on branch A1 only)."""
    return _persona("officer_a1", "组织委员甲", tree.branch_a1, "officer")


@pytest.fixture
def viewer_b(tree):
    """城中区委组织部 staff: read-only over county B."""
    return _persona("czq_viewer", "城中区组织部", tree.county_b, "viewer")


@pytest.fixture
def outsider(db):
    return _persona("outsider", "无关用户")


@pytest.fixture
def superuser(db):
    from members.organizations.models import User

    return User.objects.create_superuser("root", "", "Sanlian-2026", full_name="管理员")


@pytest.fixture
def member_a1(tree):
    from tests.factories import make_member

    return make_member(tree.branch_a1, name="张善强")


@pytest.fixture
def member_b1(tree):
    from tests.factories import make_member

    return make_member(
        tree.branch_b1, name="肖双强", birth_date=__import__("datetime").date(1980, 3, 3)
    )


@pytest.fixture
def mobile_a_in_b(tree):
    """李建军 of branch A1 (home: town A) working in town B, taken in by its mobile branch B1."""
    from members.mobility.actions import mobile_record_take_in
    from tests.factories import make_member, make_record, system_user

    member = make_member(tree.branch_a1, name="李建军")
    record = make_record(member, inflow_organization=tree.town_b)
    mobile_record_take_in(
        actor=system_user(),
        record=record,
        taken_in_by=tree.branch_b1,
        inflow_contact_person="刘德花",
    )
    return member


@pytest.fixture
def away(tree, member_a1, secretary_b):
    """张善强 left on 1 March 2026 for 12 months; 南滩流动党员党支部 took him in on 5 March."""
    from members.mobility import actions as records
    from tests.factories import make_record

    record = make_record(member_a1, inflow_organization=tree.town_b)
    return records.mobile_record_take_in(
        actor=secretary_b,
        record=record,
        taken_in_by=tree.branch_b1,
        inflow_date=datetime.date(2026, 3, 5),
        inflow_contact_person="刘德花",
    )


# --- The permission walk's totals (tests/members/walk), shown at the end of every run ---------

_walk_totals = {"walk_patterns": 0, "walk_operations": 0, "walk_requests": 0}
_walk_seconds = []


def pytest_runtest_logreport(report):
    """Add up what the walk's tests report (also from xdist workers, through their reports)."""
    found = {name: value for name, value in report.user_properties if name in _walk_totals}
    if report.when == "call" and found:
        for name, value in found.items():
            _walk_totals[name] += value
        _walk_seconds.append(report.duration)


def pytest_terminal_summary(terminalreporter):
    totals = _walk_totals
    if totals["walk_requests"]:
        terminalreporter.write_line(
            f"permission walk: {totals['walk_patterns']} URL patterns, "
            f"{totals['walk_operations']} API operations, {totals['walk_requests']:,} requests "
            f"({sum(_walk_seconds):.0f} s of test time)"
        )
