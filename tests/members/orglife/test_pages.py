"""Pages of organisational life: scoping, the year overview, query counts, the admin."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from members.orglife.actions import (
    AttendanceEntry,
    activity_create,
    attendance_record,
)
from members.orglife.models import Activity, Attendance
from tests.factories import make_member, system_user

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 20, 10, 0, tzinfo=datetime.UTC)
Status = Attendance.Status


def _at(month: int, day: int = 1) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 9, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _activity(actor, organization, **fields):
    fields.setdefault("kind", Activity.Kind.THEME_DAY)
    fields.setdefault("title", "学习党章")
    fields.setdefault("held_at", _at(6, 1))
    return activity_create(actor=actor, organization=organization, **fields)


@pytest.fixture
def recorded(tree, secretary_b, member_b1, mobile_a_in_b):
    activity = _activity(secretary_b, tree.branch_b1, kind="party_lesson", title="党课：守纪律")
    attendance_record(
        actor=secretary_b,
        activity=activity,
        entries=[
            AttendanceEntry(member_b1.pk, Status.PRESENT),
            AttendanceEntry(mobile_a_in_b.pk, Status.ONLINE),
        ],
    )
    return activity


def test_inflow_secretary_records_on_the_sheet_and_home_secretary_sees_it(
    client, tree, secretary_a, secretary_b, mobile_a_in_b, member_b1
):
    client.force_login(secretary_b)
    response = client.post(
        reverse("orglife:activity_create"),
        {
            "organization": tree.branch_b1.pk,
            "kind": "theme_day",
            "title": "六月主题党日",
            "held_at": "2026-06-18T15:00",
            "online": "on",
            "location": "腾讯会议",
        },
    )
    activity = Activity.objects.get(title="六月主题党日")
    assert response.status_code == 302
    sheet = client.get(activity.get_absolute_url())
    assert {line[0] for line in sheet.context["lines"]} == {mobile_a_in_b, member_b1}
    client.post(
        reverse("orglife:attendance_save", args=[activity.pk]),
        {
            "member": [mobile_a_in_b.pk, member_b1.pk],
            f"status_{mobile_a_in_b.pk}": "online",
            f"status_{member_b1.pk}": "",
            f"note_{mobile_a_in_b.pk}": "工地线上",
        },
    )
    row = Attendance.objects.get()
    assert (row.member, row.status, row.note) == (mobile_a_in_b, "online", "工地线上")

    client.force_login(secretary_a)
    page = client.get(mobile_a_in_b.get_absolute_url())
    assert page.context["attendance_year"].record.theme_day_months == {6}
    assert b'id="member-attendance"' in page.content
    assert "六月主题党日" in page.content.decode()
    detail = client.get(activity.get_absolute_url())  # the home side may open the activity
    assert detail.status_code == 200
    assert not detail.context["can_write"]
    # The home side reads only its own member's line.
    assert [r.member for r in detail.context["attendance"]] == [mobile_a_in_b]


def test_outsider_gets_404_and_viewer_403_on_writes(client, recorded, outsider, viewer_b):
    client.force_login(outsider)
    assert client.get(recorded.get_absolute_url()).status_code == 404
    url = reverse("orglife:attendance_save", args=[recorded.pk])
    assert client.post(url, {"member": []}).status_code == 404
    client.force_login(viewer_b)
    assert client.get(recorded.get_absolute_url()).status_code == 200
    assert client.post(url, {"member": []}).status_code == 403
    assert client.get(reverse("orglife:activity_edit", args=[recorded.pk])).status_code == 403
    assert client.post(reverse("orglife:activity_delete", args=[recorded.pk])).status_code == 403
    assert client.get(reverse("orglife:activity_create")).status_code == 403


def test_other_town_secretary_without_a_member_there_gets_404(client, tree, secretary_b):
    other = _activity(system_user(), tree.branch_a1)
    client.force_login(secretary_b)
    assert client.get(other.get_absolute_url()).status_code == 404


def test_year_page_shows_rules_never_a_ranking(client, tree, recorded, secretary_b, viewer_b):
    client.force_login(viewer_b)
    response = client.get(reverse("orglife:organization_year", args=[tree.branch_b1.pk]))
    assert response.status_code == 200
    assert response.context["by_member"]
    town = client.get(reverse("orglife:organization_year", args=[tree.town_b.pk]) + "?year=2026")
    assert [branch for branch, _ in town.context["rows"]] == [tree.branch_b1]


def test_year_page_outside_scope_is_404(client, tree, outsider):
    client.force_login(outsider)
    url = reverse("orglife:organization_year", args=[tree.branch_b1.pk])
    assert client.get(url).status_code == 404


# --- Query counts ------------------------------------------------------------------------------


def test_activity_list_query_count_is_constant(
    client, tree, secretary_b, member_b1, django_assert_max_num_queries
):
    client.force_login(secretary_b)
    _activity(secretary_b, tree.branch_b1)
    url = reverse("orglife:activity_list")
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    for day in range(2, 22):
        activity = _activity(secretary_b, tree.branch_b1, held_at=_at(5, day))
        attendance_record(
            actor=secretary_b,
            activity=activity,
            entries=[AttendanceEntry(member_b1.pk, Status.PRESENT)],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(url).context["page"].items) == 21


def test_attendance_sheet_query_count_is_constant(
    client, tree, secretary_b, django_assert_max_num_queries
):
    activity = _activity(secretary_b, tree.branch_b1)
    make_member(tree.branch_b1)
    client.force_login(secretary_b)
    with django_assert_max_num_queries(14) as small:
        client.get(activity.get_absolute_url())
    members = [make_member(tree.branch_b1) for _ in range(15)]
    attendance_record(
        actor=secretary_b,
        activity=activity,
        entries=[AttendanceEntry(m.pk, Status.PRESENT) for m in members],
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(activity.get_absolute_url()).context["lines"]) == 16


def test_member_page_adds_one_query_for_the_year(
    client, recorded, secretary_b, member_b1, django_assert_max_num_queries
):
    client.force_login(secretary_b)
    with django_assert_max_num_queries(30) as first:
        client.get(member_b1.get_absolute_url())
    for month in (2, 3, 4):
        activity = _activity(secretary_b, recorded.organization, held_at=_at(month))
        attendance_record(
            actor=secretary_b,
            activity=activity,
            entries=[AttendanceEntry(member_b1.pk, Status.PRESENT)],
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(member_b1.get_absolute_url())
    assert page.context["attendance_year"].record.theme_day_months == {2, 3, 4}


# --- Admin -------------------------------------------------------------------------------------


def _staff(user, *codenames):
    from django.contrib.auth.models import Permission

    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_admin_is_scoped_and_saves_through_the_action(
    client, tree, recorded, secretary_b, outsider
):
    _staff(secretary_b, "view_activity", "add_activity", "change_activity", "view_attendance")
    client.force_login(secretary_b)
    assert client.get(reverse("admin:members_activity_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:members_attendance_changelist")).context["cl"].result_count == 2
    )
    response = client.post(
        reverse("admin:members_activity_add"),
        {
            "organization": tree.branch_b1.pk,
            "kind": "group_study",
            "title": "集中学习",
            "held_at_0": "2026-06-10",
            "held_at_1": "09:00",
            "location": "",
            "content": "",
            "attendances-TOTAL_FORMS": 0,
            "attendances-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get(title="集中学习").created_by == secretary_b
    _staff(outsider, "view_activity", "view_attendance")
    client.force_login(outsider)
    change = reverse("admin:members_activity_change", args=[recorded.pk])
    assert client.get(change).status_code == 302  # not in the outsider's queryset
    assert (
        client.get(reverse("admin:members_attendance_changelist")).context["cl"].result_count == 0
    )
