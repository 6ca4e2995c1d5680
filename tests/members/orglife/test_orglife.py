"""Organisational life: activities, attendance from both sides, yearly records (art. 16–18, 32)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.orglife.actions import (
    AttendanceEntry,
    activity_create,
    activity_delete,
    activity_notify,
    activity_update,
    attendance_record,
    member_message_send,
)
from members.orglife.models import Activity, Attendance
from members.orglife.selectors import (
    activity_eligible_members,
    member_attendance_year,
    member_message_recipients,
    members_year,
    organization_year,
)
from members.outbox.models import Notification
from tests.factories import system_user

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


# --- Actions ---------------------------------------------------------------------------------


def test_writers_of_the_holding_organisation_create_update_delete(tree, secretary_b, viewer_b):
    activity = _activity(secretary_b, tree.branch_b1, online=True, location="https://meet/1")
    assert activity.created_by == secretary_b
    activity_update(actor=secretary_b, activity=activity, title="主题党日：学习党章")
    assert Activity.objects.get().title == "主题党日：学习党章"
    with pytest.raises(PermissionDenied):
        _activity(viewer_b, tree.branch_b1)
    with pytest.raises(PermissionDenied):
        activity_update(actor=viewer_b, activity=activity, title="x")
    activity_delete(actor=secretary_b, activity=activity)
    assert not Activity.objects.exists()
    assert activity.history.count() == 3  # created, changed, deleted


def test_secretary_of_another_town_cannot_hold_an_activity_here(tree, secretary_a):
    with pytest.raises(PermissionDenied):
        _activity(secretary_a, tree.branch_b1)


def test_activity_is_validated_by_the_action(tree, secretary_b):
    with pytest.raises(ValidationError) as error:
        _activity(secretary_b, tree.branch_b1, kind="party_congress", title="")
    assert {"kind", "title"} <= set(error.value.message_dict)


def test_attendance_is_an_idempotent_upsert(tree, secretary_b, member_b1, mobile_a_in_b):
    activity = _activity(secretary_b, tree.branch_b1)
    sheet = [
        AttendanceEntry(member_b1.pk, Status.PRESENT),
        AttendanceEntry(mobile_a_in_b.pk, Status.ONLINE, "在工地线上参加"),
    ]
    assert attendance_record(actor=secretary_b, activity=activity, entries=sheet) == {
        "created": 2,
        "changed": 0,
        "cleared": 0,
    }
    assert attendance_record(actor=secretary_b, activity=activity, entries=sheet) == {
        "created": 0,
        "changed": 0,
        "cleared": 0,
    }
    changed = [AttendanceEntry(member_b1.pk, Status.EXCUSED), AttendanceEntry(mobile_a_in_b.pk, "")]
    counts = attendance_record(actor=secretary_b, activity=activity, entries=changed)
    assert counts == {"created": 0, "changed": 1, "cleared": 1}
    row = Attendance.objects.get()
    assert (row.member, row.status, row.recorded_by) == (member_b1, Status.EXCUSED, secretary_b)
    assert Attendance.history.filter(history_type="-").count() == 1  # the clearing is kept


def test_attendance_is_atomic_and_only_for_the_organisations_members(
    tree, secretary_b, member_b1, member_a1
):
    activity = _activity(secretary_b, tree.branch_b1)
    sheet = [AttendanceEntry(member_b1.pk, "present"), AttendanceEntry(member_a1.pk, "present")]
    with pytest.raises(ValidationError):
        attendance_record(actor=secretary_b, activity=activity, entries=sheet)
    assert not Attendance.objects.exists()


def test_attendance_rejects_unknown_status_and_future_presence(tree, secretary_b, member_b1):
    activity = _activity(secretary_b, tree.branch_b1, held_at=_at(7, 1))
    with pytest.raises(ValidationError):
        attendance_record(
            actor=secretary_b,
            activity=activity,
            entries=[AttendanceEntry(member_b1.pk, Status.PRESENT)],
        )
    attendance_record(
        actor=secretary_b,
        activity=activity,
        entries=[AttendanceEntry(member_b1.pk, Status.EXCUSED)],
    )
    with pytest.raises(ValidationError):
        attendance_record(
            actor=secretary_b,
            activity=activity,
            entries=[AttendanceEntry(member_b1.pk, "sleeping")],
        )


def test_only_writers_of_the_holding_organisation_record(tree, secretary_a, viewer_b, member_b1):
    activity = _activity(system_user(), tree.branch_b1)
    for actor in (secretary_a, viewer_b):
        with pytest.raises(PermissionDenied):
            attendance_record(
                actor=actor,
                activity=activity,
                entries=[AttendanceEntry(member_b1.pk, Status.PRESENT)],
            )


def test_activity_with_attendance_cannot_be_deleted(tree, secretary_b, member_b1):
    activity = _activity(secretary_b, tree.branch_b1)
    attendance_record(
        actor=secretary_b,
        activity=activity,
        entries=[AttendanceEntry(member_b1.pk, Status.PRESENT)],
    )
    with pytest.raises(ValidationError):
        activity_delete(actor=secretary_b, activity=activity)
    assert Activity.objects.exists()


def test_eligible_members_are_home_members_and_those_taken_in(
    tree, secretary_b, member_b1, member_a1, mobile_a_in_b
):
    activity = _activity(secretary_b, tree.branch_b1)
    assert set(activity_eligible_members(activity=activity)) == {member_b1, mobile_a_in_b}
    town_a_activity = _activity(secretary_b, tree.town_b)
    assert member_a1 not in activity_eligible_members(activity=town_a_activity)


def test_notice_reaches_home_and_taken_in_members_once(tree, secretary_b, member_b1, mobile_a_in_b):
    activity = _activity(
        secretary_b, tree.branch_b1, held_at=_at(7, 1), online=True, location="腾讯会议 123"
    )
    assert activity_notify(actor=secretary_b, activity=activity) == 2
    assert activity_notify(actor=secretary_b, activity=activity) == 2
    notices = Notification.objects.filter(kind="notice")
    assert {n.recipient_member for n in notices} == {member_b1, mobile_a_in_b}
    text = notices.get(recipient_member=mobile_a_in_b).text
    assert text.startswith("李建军同志：")
    assert "腾讯会议 123" in text
    assert "主题党日" in text


# --- Messages to the inflow side's mobile members ---------------------------------------------


def test_secretary_messages_members_taken_in_by_the_branch(
    tree, secretary_b, member_b1, mobile_a_in_b, member_a1
):
    taken_in = member_message_recipients(
        actor=secretary_b, organization=tree.branch_b1, audience="taken_in"
    )
    assert list(taken_in) == [mobile_a_in_b]
    both = member_message_recipients(actor=secretary_b, organization=tree.branch_b1, audience="all")
    assert set(both) == {member_b1, mobile_a_in_b}
    count = member_message_send(
        actor=secretary_b,
        organization=tree.branch_b1,
        status="",
        kind="discipline_reminder",
        text="{name}同志：请严守纪律。——{signature}",
        token="t1",
        audience="taken_in",
    )
    assert count == 1
    message = Notification.objects.get(recipient_member=mobile_a_in_b)
    assert message.kind == "discipline_reminder"
    # Signed by the sending branch, not by the member's home branch.
    assert "南滩街道流动党员党支部" in message.text


# --- Yearly records --------------------------------------------------------------------------


def test_member_year_says_what_was_attended(tree, secretary_b, secretary_a, mobile_a_in_b):
    for month in (1, 2, 5):
        activity = _activity(secretary_b, tree.branch_b1, held_at=_at(month, 10))
        attendance_record(
            actor=secretary_b,
            activity=activity,
            entries=[AttendanceEntry(mobile_a_in_b.pk, Status.ONLINE)],
        )
    life = _activity(secretary_a, tree.branch_a1, kind="life_meeting", held_at=_at(3, 3))
    attendance_record(
        actor=secretary_a, activity=life, entries=[AttendanceEntry(mobile_a_in_b.pk, Status.ABSENT)]
    )
    year = member_attendance_year(member=mobile_a_in_b, year=2026)
    assert year.record.theme_day_months == {1, 2, 5}
    assert year.record.life_meeting is False  # absent does not count
    assert len(year.attendances) == 4
    assert member_attendance_year(member=mobile_a_in_b, year=2025).attendances == []


def test_organization_year_and_member_rows(tree, secretary_b, member_b1, mobile_a_in_b):
    _activity(secretary_b, tree.branch_b1, held_at=_at(1, 5))
    appraisal = _activity(secretary_b, tree.branch_b1, kind="appraisal", held_at=_at(4, 5))
    attendance_record(
        actor=secretary_b,
        activity=appraisal,
        entries=[AttendanceEntry(mobile_a_in_b.pk, Status.PRESENT)],
    )
    record, activities = organization_year(organization=tree.branch_b1, year=2026)
    assert (record.theme_day_months, record.appraisal, record.life_meeting) == ({1}, True, False)
    assert len(activities) == 2
    _page, rows = members_year(organization=tree.branch_b1, year=2026)
    by_member = dict(rows)
    assert by_member[mobile_a_in_b].appraisal
    assert not by_member[member_b1].appraisal
    assert [member.name for member, _ in rows] == sorted(member.name for member, _ in rows)
