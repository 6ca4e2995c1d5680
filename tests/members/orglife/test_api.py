"""REST API of organisational life: scoped activities and the attendance sheet."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from members.orglife.actions import AttendanceEntry, activity_create, attendance_record
from members.orglife.models import Activity, Attendance

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def api(client, user, method, name, *args, **data):
    client.force_login(user)
    url = reverse(f"activity-{name}", args=args)
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.fixture
def lesson(tree, secretary_b):
    return activity_create(
        actor=secretary_b,
        organization=tree.branch_b1,
        kind="party_lesson",
        title="党课",
        held_at=datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC),
    )


def test_secretary_creates_updates_and_deletes(client, tree, secretary_b):
    created = api(
        client,
        secretary_b,
        "post",
        "list",
        organization=tree.branch_b1.pk,
        kind="theme_day",
        title="主题党日",
        held_at="2026-06-18T07:00:00Z",
        online=True,
        location="腾讯会议",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    changed = api(
        client,
        secretary_b,
        "patch",
        "detail",
        pk,
        title="六月主题党日",
        organization=tree.branch_a1.pk,
    )
    assert changed.status_code == 200
    activity = Activity.objects.get(pk=pk)
    assert (activity.title, activity.organization) == ("六月主题党日", tree.branch_b1)
    assert api(client, secretary_b, "delete", "detail", pk).status_code == 204


def test_invalid_activity_is_400(client, tree, secretary_b):
    response = api(
        client,
        secretary_b,
        "post",
        "list",
        organization=tree.branch_b1.pk,
        kind="theme_day",
        title="",
        held_at="2026-06-18T07:00:00Z",
    )
    assert response.status_code == 400
    assert "title" in response.json()


def test_attendance_post_is_idempotent_and_visible_to_the_home_side(
    client, lesson, secretary_b, secretary_a, member_b1, mobile_a_in_b
):
    sheet = {
        "entries": [
            {"member": member_b1.pk, "status": "present"},
            {"member": mobile_a_in_b.pk, "status": "online", "note": "线上"},
        ]
    }
    for _ in range(2):
        response = api(client, secretary_b, "post", "attendance", lesson.pk, **sheet)
        assert response.status_code == 200, response.json()
    assert Attendance.objects.count() == 2
    home = api(client, secretary_a, "get", "attendance", lesson.pk)
    assert [row["member"] for row in home.json()] == [mobile_a_in_b.pk]
    # The home side opens it by id; its own list holds the activities its branches held.
    assert api(client, secretary_a, "get", "detail", lesson.pk).status_code == 200
    assert api(client, secretary_a, "get", "list").json()["results"] == []


def test_attendance_for_a_stranger_is_400_and_saves_nothing(
    client, lesson, secretary_b, member_b1, member_a1
):
    sheet = {
        "entries": [
            {"member": member_b1.pk, "status": "present"},
            {"member": member_a1.pk, "status": "present"},
        ]
    }
    response = api(client, secretary_b, "post", "attendance", lesson.pk, **sheet)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_scoping_outsider_404_viewer_403_home_reader_403(
    client, lesson, outsider, viewer_b, secretary_a, member_b1, mobile_a_in_b
):
    sheet = {"entries": [{"member": member_b1.pk, "status": "present"}]}
    assert api(client, outsider, "get", "detail", lesson.pk).status_code == 404
    assert api(client, outsider, "post", "attendance", lesson.pk, **sheet).status_code == 404
    assert api(client, viewer_b, "get", "detail", lesson.pk).status_code == 200
    assert api(client, viewer_b, "post", "attendance", lesson.pk, **sheet).status_code == 403
    assert api(client, viewer_b, "delete", "detail", lesson.pk).status_code == 403
    # The home side reads the activity its member attended but cannot write the sheet.
    attendance_record(
        actor=lesson.created_by,
        activity=lesson,
        entries=[AttendanceEntry(mobile_a_in_b.pk, "online")],
    )
    assert api(client, secretary_a, "get", "detail", lesson.pk).status_code == 200
    assert api(client, secretary_a, "post", "attendance", lesson.pk, **sheet).status_code == 403
    assert Attendance.objects.count() == 1


def test_list_filters_and_constant_queries(
    client, tree, secretary_b, member_b1, django_assert_max_num_queries
):
    client.force_login(secretary_b)
    url = reverse("activity-list")
    activity_create(
        actor=secretary_b,
        organization=tree.branch_b1,
        kind="theme_day",
        title="一",
        held_at=datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC),
    )
    with django_assert_max_num_queries(6) as small:
        client.get(url)
    for day in range(1, 16):
        activity = activity_create(
            actor=secretary_b,
            organization=tree.branch_b1,
            kind="group_study",
            title=f"学习{day}",
            held_at=datetime.datetime(2026, 5, day, tzinfo=datetime.UTC),
        )
        attendance_record(
            actor=secretary_b, activity=activity, entries=[AttendanceEntry(member_b1.pk, "present")]
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(url).json()["results"]) == 16
    only_2025 = client.get(url, {"year": 2025, "organization": tree.town_b.pk}).json()
    assert [row["title"] for row in only_2025["results"]] == ["一"]
