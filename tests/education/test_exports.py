"""The education chain's list exports: each holds what its page lists with the same filters, in
the same order and scope; every column has a value; 50 rows cost a constant number of queries;
each list page shows the export button with its filters."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from education.classes.models import ClassInvitation, TrainingClass
from education.lessons.models import Lesson, LessonDelivery
from education.packages.models import Dispatch, PackageItem, Shipment, StudyPackage
from education.plans.models import PlanMember, Reading, StudyPlan
from members.downloads import registry
from tests.export_rows import cells, column, export_button, rows_of

pytestmark = pytest.mark.django_db
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
JOINED = ClassInvitation.Attendance.JOINED
# What a spreadsheet shows of 9:00 in Xining: the local time, without a zone.
LOCAL_NINE = datetime.datetime(2026, 6, 1, 9, tzinfo=ZONE).replace(tzinfo=None)


# --- Two towns' rows ------------------------------------------------------------------------


def plan(organization, user, year: int, title: str) -> StudyPlan:
    return StudyPlan.objects.create(
        organization=organization, year=year, title=title, audience="流动党员", created_by=user
    )


@pytest.fixture
def world(tree, secretary_a, secretary_b, member_a1, member_b1):
    plans = {
        "a_2026": plan(tree.town_a, secretary_a, 2026, "大街2026年学习计划"),
        "a_2025": plan(tree.town_a, secretary_a, 2025, "大街2025年学习计划"),
        "a1_2026": plan(tree.branch_a1, secretary_a, 2026, "社区2026年学习计划"),
        "b_2026": plan(tree.town_b, secretary_b, 2026, "南滩2026年学习计划"),
    }
    PlanMember.objects.create(plan=plans["a_2026"], member=member_a1, member_name="张善强")
    readings = {
        key: Reading.objects.create(organization=organization, title=title, author="人民出版社")
        for key, organization, title in (
            ("city", tree.city, "B 中国共产党章程"),
            ("a", tree.town_a, "A 党员教育管理工作条例"),
            ("b", tree.town_b, "C 南滩读本"),
        )
    }
    packages = {
        "a": StudyPackage.objects.create(organization=tree.town_a, name="大街学习礼包"),
        "b": StudyPackage.objects.create(organization=tree.town_b, name="南滩学习礼包"),
    }
    PackageItem.objects.create(package=packages["a"], title="党章", quantity=1)
    PackageItem.objects.create(package=packages["a"], title="学习笔记本", quantity=2)
    dispatches = {
        key: Dispatch.objects.create(
            package=packages[key], organization=organization, title=f"{title}寄送", created_by=user
        )
        for key, organization, title, user in (
            ("a", tree.town_a, "大街", secretary_a),
            ("b", tree.town_b, "南滩", secretary_b),
        )
    }
    Shipment.objects.create(dispatch=dispatches["a"], member=member_a1, address="大街1号")
    Shipment.objects.create(
        dispatch=dispatches["b"], member=member_b1, address="南滩1号", status="sent"
    )
    lessons = {
        key: Lesson.objects.create(
            organization=organization, title=title, status="published", created_by=user
        )
        for key, organization, title, user in (
            ("a", tree.town_a, "大街党课", secretary_a),
            ("b", tree.town_b, "南滩党课", secretary_b),
        )
    }
    opened = datetime.datetime(2026, 6, 2, 9, tzinfo=ZONE)
    LessonDelivery.objects.create(lesson=lessons["a"], member=member_a1, opened_at=opened)
    classes = {
        key: TrainingClass.objects.create(
            organization=organization,
            title=title,
            starts_at=datetime.datetime(2026, 6, day, 9, tzinfo=ZONE),
            meeting_link="https://meeting.example.cn/1",
            created_by=user,
        )
        for key, organization, title, user, day in (
            ("a", tree.town_a, "大街培训班", secretary_a, 1),
            ("b", tree.town_b, "南滩培训班", secretary_b, 2),
        )
    }
    ClassInvitation.objects.create(training_class=classes["a"], member=member_a1, attendance=JOINED)
    return {
        "plans": plans,
        "readings": readings,
        "packages": packages,
        "dispatches": dispatches,
        "lessons": lessons,
        "classes": classes,
    }


# Each export: its page, a filter, how the page's context lists its rows, and the rows of town
# B that town A's secretary never gets.
PAGES = {
    "plans": ("education:plans:plan_list", "year=2026", lambda c: c["page"].items),
    "readings": ("education:plans:reading_list", "", lambda c: c["readings"]),
    "dispatches": ("education:packages:dispatch_list", "", lambda c: c["page"].items),
    "packages": ("education:packages:package_list", "", lambda c: list(c["packages"])),
    "lessons": ("education:lessons:lesson_list", "", lambda c: c["page"].items),
    "classes": ("education:classes:class_list", "", lambda c: c["page"].items),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_export_holds_the_pages_rows_in_its_order(client, world, secretary_a, name):
    url, query, listed = PAGES[name]
    client.force_login(secretary_a)
    page = client.get(f"{reverse(url)}?{query}")

    exported = [row.pk for row in rows_of(name, secretary_a, query)]

    assert exported == [row.pk for row in listed(page.context)]


@pytest.mark.parametrize("name", PAGES)
def test_the_export_leaves_out_the_other_towns_rows(world, secretary_a, name):
    other = world[name]["b"] if name != "plans" else world["plans"]["b_2026"]

    exported = [row.pk for row in rows_of(name, secretary_a, PAGES[name][1])]

    assert other.pk not in exported


def test_the_plan_export_keeps_the_pages_year(world, secretary_a):
    plans = world["plans"]

    exported = [row.pk for row in rows_of("plans", secretary_a, "year=2026")]

    assert exported == [plans["a1_2026"].pk, plans["a_2026"].pk]


def test_the_reading_export_has_the_readings_shared_from_above(world, secretary_a):
    readings = world["readings"]

    exported = [row.pk for row in rows_of("readings", secretary_a)]

    assert exported == [readings["a"].pk, readings["city"].pk]  # by title, as the page


@pytest.mark.parametrize("name", PAGES)
def test_every_column_has_a_value_for_every_row(world, secretary_a, name):
    rows = rows_of(name, secretary_a)
    width = len(registry.get(name).columns) + 1

    assert [len(row) for row in cells(name, rows)] == [width] * len(rows) != []


@pytest.mark.parametrize(
    ("name", "key", "header", "expected"),
    [
        ("plans", "a_2026", "Number of members", 1),
        ("plans", "a_2026", "Made by", "大街街道党工委"),
        ("readings", "a", "Kind", "Book"),
        ("dispatches", "a", "To pack", 1),
        ("packages", "a", "Items", "党章、学习笔记本 × 2"),
        ("lessons", "a", "Opened", 1),
        ("lessons", "a", "Completed", 0),
        ("lessons", "a", "Status", "Published"),
        ("classes", "a", "Joined", 1),
        (
            "classes",
            "a",
            "Starts at",
            datetime.datetime(2026, 6, 1, 9, tzinfo=ZONE).replace(tzinfo=None),
        ),
    ],
)
def test_a_column_says_what_the_page_says(world, secretary_a, name, key, header, expected):
    wanted = world[name][key].pk
    row = next(row for row in rows_of(name, secretary_a) if row.pk == wanted)

    with translation.override("en"):
        assert column(name, header, row) == expected


def test_a_date_column_is_a_date(world, secretary_a):
    row = rows_of("dispatches", secretary_a)[0]

    with translation.override("en"):
        assert isinstance(column("dispatches", "Created", row), datetime.date)


# --- Fifty rows -----------------------------------------------------------------------------


@pytest.fixture
def fifty(tree, secretary_a, member_a1):
    """Fifty of each list's rows in town A, each with a member's row below it."""
    town, user, n = tree.town_a, secretary_a, range(50)
    plans = StudyPlan.objects.bulk_create(
        StudyPlan(organization=town, year=2026, title=f"计划{i}", created_by=user) for i in n
    )
    PlanMember.objects.bulk_create(PlanMember(plan=p, member=member_a1) for p in plans)
    Reading.objects.bulk_create(Reading(organization=town, title=f"读本{i}") for i in n)
    packages = StudyPackage.objects.bulk_create(
        StudyPackage(organization=town, name=f"礼包{i}") for i in n
    )
    PackageItem.objects.bulk_create(PackageItem(package=p, title="党章") for p in packages)
    dispatches = Dispatch.objects.bulk_create(
        Dispatch(package=p, organization=town, title=p.name, created_by=user) for p in packages
    )
    Shipment.objects.bulk_create(
        Shipment(dispatch=d, member=member_a1, address="大街1号") for d in dispatches
    )
    lessons = Lesson.objects.bulk_create(
        Lesson(organization=town, title=f"党课{i}", created_by=user) for i in n
    )
    LessonDelivery.objects.bulk_create(LessonDelivery(lesson=x, member=member_a1) for x in lessons)
    starts = datetime.datetime(2026, 6, 1, 9, tzinfo=ZONE)
    classes = TrainingClass.objects.bulk_create(
        TrainingClass(
            organization=town,
            title=f"培训班{i}",
            starts_at=starts + datetime.timedelta(days=i),
            meeting_link="https://meeting.example.cn/1",
            hours=Decimal(2),
            created_by=user,
        )
        for i in n
    )
    ClassInvitation.objects.bulk_create(
        ClassInvitation(training_class=c, member=member_a1) for c in classes
    )


# Queries for the whole export: the user's scope, the rows (with their counts), and for
# packages their items.
QUERIES = {
    "plans": 2,
    "readings": 2,
    "dispatches": 2,
    "packages": 3,
    "lessons": 2,
    "classes": 2,
}


@pytest.mark.parametrize("name", PAGES)
def test_fifty_rows_cost_a_constant_number_of_queries(
    fifty, secretary_a, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(QUERIES[name]):
        rows = rows_of(name, secretary_a)
        cells(name, rows)

    assert len(rows) == 50


# --- The button -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_page_shows_the_button_with_its_filters(client, secretary_a, tree, name):
    url = PAGES[name][0]
    client.force_login(secretary_a)

    answer = client.get(f"{reverse(url)}?year=2026")

    assert export_button(name, "year=2026") in answer.content.decode()
