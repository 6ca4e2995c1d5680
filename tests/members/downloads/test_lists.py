"""Each registered list's export holds the rows its page lists for the same filters, in the
page's order (the page's first page, which holds them all here)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from members.orglife.actions import activity_create
from members.outbox.models import Notification
from tests.factories import make_member, make_record
from tests.members.downloads.conftest import column

pytestmark = pytest.mark.django_db
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 11, 26, 10, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def page_rows(client, route: str, query: str, key: str, name) -> list:
    response = client.get(reverse(route) + f"?{query}")
    rows = response.context[key]
    return [name(row) for row in getattr(rows, "items", rows)]


def test_members(client, export, secretary_a, tree):
    for name, gender in (("张善强", "M"), ("王秀玲", "F"), ("李秀英", "F"), ("赵德明", "M")):
        make_member(tree.branch_a1, name=name, gender=gender)
    client.force_login(secretary_a)
    query = "gender=F&sort=name"

    job = export("members", query)

    assert column(job, 0) == page_rows(client, "members:member_list", query, "page", str)


@pytest.fixture
def records(tree, away):
    """张善强 taken in at B1 (``away``), two more of A's members away, one of B's."""
    make_record(make_member(tree.branch_a1, name="王秀玲"), inflow_organization=tree.town_b)
    make_record(make_member(tree.branch_a1, name="李秀英"), submit=False)
    make_record(make_member(tree.branch_b1, name="肖双强"))


@pytest.mark.parametrize(
    "query", ["side=outflow", "side=outflow&status=waiting", "side=inflow&category=lost_contact"]
)
def test_records(client, export, secretary_a, secretary_b, records, query):
    client.force_login(secretary_b if "inflow" in query else secretary_a)

    job = export("records", query)

    expected = page_rows(client, "records:list", query, "records", lambda r: r.member.name)
    assert column(job, 0) == expected


def test_records_filter_leaves_some_out(client, export, secretary_a, records):
    client.force_login(secretary_a)

    job = export("records", "side=outflow&status=waiting")

    assert column(job, 0) == ["王秀玲"]


def test_inbox(client, export, secretary_b, tree, records):
    make_record(make_member(tree.branch_a1, name="赵德明"), inflow_organization=tree.branch_b1)
    client.force_login(secretary_b)

    job = export("inbox")

    expected = page_rows(client, "records:inbox", "", "records", lambda r: r.member.name)
    assert column(job, 0) == expected


@pytest.mark.parametrize("query", ["", "code=lost_contact"])
def test_warnings(client, export, secretary_a, records, query):
    client.force_login(secretary_a)

    job = export("warnings", query)

    expected = page_rows(
        client,
        "management:warnings",
        query,
        "records",
        lambda r: (r.member.name, "；".join(str(w.label) for w in r.warnings)),
    )
    assert list(zip(column(job, 0), column(job, 6), strict=True)) == expected


def test_activities(client, export, secretary_a, tree):
    for day, kind, title in (
        (3, "theme_day", "十一月主题党日"),
        (10, "party_lesson", "十一月党课"),
        (17, "theme_day", "补充主题党日"),
    ):
        held = datetime.datetime(2026, 11, day, 9, tzinfo=ZONE)
        activity_create(
            actor=secretary_a, organization=tree.branch_a1, kind=kind, title=title, held_at=held
        )
    client.force_login(secretary_a)
    query = "kind=theme_day&year=2026"

    job = export("activities", query)

    expected = page_rows(client, "orglife:activity_list", query, "page", lambda a: a.title)
    assert column(job, 2) == expected


def test_activities_count_who_took_part(client, export, secretary_a, tree, member_a1):
    from members.orglife.actions import AttendanceEntry, attendance_record

    held = datetime.datetime(2026, 11, 3, 9, tzinfo=ZONE)
    activity = activity_create(
        actor=secretary_a,
        organization=tree.branch_a1,
        kind="theme_day",
        title="主题党日",
        held_at=held,
    )
    entries = [AttendanceEntry(member_id=member_a1.pk, status="present")]
    attendance_record(actor=secretary_a, activity=activity, entries=entries)
    client.force_login(secretary_a)

    job = export("activities")

    assert column(job, 6) == [1]


def test_sent_messages(client, export, secretary_a, tree):
    member = make_member(tree.branch_a1, name="张善强")
    for number, status in enumerate(["sent", "failed", "sent"]):
        Notification.objects.create(
            kind="notice",
            channel="sms",
            recipient_member=member,
            occasion=f"test-{number}",
            text=f"通知{number}",
            status=status,
        )
    client.force_login(secretary_a)
    query = "status=sent"

    job = export("sent_messages", query)

    expected = page_rows(client, "notifications:sent", query, "page", lambda n: n.text)
    assert column(job, 4) == expected
