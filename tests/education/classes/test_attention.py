"""The classes' items on the home card: this week's classes, attendance still to record."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from education.classes import actions
from education.classes.attention import classes_this_week, classes_without_attendance
from tests.education.classes.conftest import NOW

pytestmark = pytest.mark.django_db


def _count(counter, user, cap=99):
    item = counter(user, timezone.localdate(), cap)
    return None if item is None else item.count


def _class(actor, organization, starts_at, title="培训班"):
    return actions.training_class_create(
        actor=actor,
        organization=organization,
        title=title,
        starts_at=starts_at,
        duration_minutes=90,
        meeting_link="https://meeting.tencent.com/dm/abc",
    )


def test_this_weeks_classes_count_for_the_host(scheduled, city_officer):
    assert _count(classes_this_week, city_officer) == 1


def test_a_class_eight_days_ahead_is_not_this_week(tree, city_officer):
    _class(city_officer, tree.city, NOW + datetime.timedelta(days=8))

    assert _count(classes_this_week, city_officer) == 0


def test_a_cancelled_class_is_not_counted(scheduled, city_officer):
    actions.training_class_cancel(actor=city_officer, training_class=scheduled)

    assert _count(classes_this_week, city_officer) == 0


def test_a_class_hosted_elsewhere_is_not_counted(scheduled, secretary_a):
    assert _count(classes_this_week, secretary_a) == 0


def test_a_reader_gets_no_class_items(scheduled, viewer_b):
    assert _count(classes_this_week, viewer_b) is None


def test_the_count_stops_at_the_cap_plus_one(tree, city_officer):
    for hours in (1, 2, 3):
        _class(city_officer, tree.city, NOW + datetime.timedelta(hours=hours))

    assert _count(classes_this_week, city_officer, cap=1) == 2


def test_a_class_held_without_attendance_is_counted(invited, city_officer):
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        assert _count(classes_without_attendance, city_officer) == 1


def test_a_class_yet_to_begin_has_no_attendance_to_record(invited, city_officer):
    assert _count(classes_without_attendance, city_officer) == 0


def test_a_class_with_every_row_recorded_is_not_counted(invited, city_officer):
    entries = [
        actions.AttendanceEntry(member_id=row.member_id, attendance="joined", minutes=60)
        for row in invited.invitations.all()
    ]
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        actions.attendance_record(actor=city_officer, training_class=invited, entries=entries)

        assert _count(classes_without_attendance, city_officer) == 0


def test_a_sheet_with_blank_rows_is_still_counted(invited, city_officer):
    first = invited.invitations.first()
    entries = [actions.AttendanceEntry(member_id=first.member_id, attendance="joined", minutes=60)]
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        actions.attendance_record(actor=city_officer, training_class=invited, entries=entries)

        assert _count(classes_without_attendance, city_officer) == 1


def test_the_items_link_to_the_class_list(scheduled, city_officer):
    item = classes_this_week(city_officer, timezone.localdate(), 99)

    assert item.url == "/education/classes/"
