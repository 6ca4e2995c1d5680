"""Training classes: city-wide invitations, the reminder exactly once, attendance and hours."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from education.audience import Audience
from education.classes import actions, selectors
from education.classes.actions import AttendanceEntry
from education.classes.models import ClassInvitation, TrainingClass
from education.classes.tasks import classes_remind_task
from education.hours.models import StudyCredit
from members.outbox.models import Notification
from tests.education.classes.conftest import NOW, csv_file, xlsx

pytestmark = pytest.mark.django_db
HEADER = ["姓名", "手机号", "入会时长(分钟)"]


def test_city_wide_invitation_reaches_every_mobile_member_once(invited, invitees, tree):
    invitations = set(invited.invitations.values_list("member_id", flat=True))

    assert invitations == {m.pk for m in invitees}
    sms = Notification.objects.filter(kind="class_invitation")
    assert sms.count() == 3
    assert sms.get(recipient_member=invitees[0]).text == (
        "王文春同志：中共西宁市委将于2026-11-27 09:50举办线上培训班《2026年流动党员线上培训班》，"
        "会议链接：https://meeting.tencent.com/dm/abc"
    )


def test_inviting_again_adds_nobody_and_sends_nothing(invited, tree, city_officer):
    again = actions.training_class_invite(
        actor=city_officer, training_class=invited, audience=Audience(organization=tree.town_a)
    )

    assert again == 0
    assert Notification.objects.filter(kind="class_invitation").count() == 3


def test_a_town_may_not_invite_city_wide(tree, secretary_a, invitees):
    from django.core.exceptions import PermissionDenied

    training_class = actions.training_class_create(
        actor=secretary_a,
        organization=tree.town_a,
        title="街道培训",
        starts_at=NOW + datetime.timedelta(days=1),
        meeting_link="https://meeting.example/x",
    )
    with pytest.raises(PermissionDenied):
        actions.training_class_invite(
            actor=secretary_a, training_class=training_class, audience=Audience(tree.city)
        )


# --- The reminder an hour before ------------------------------------------------------------


def test_beat_task_reminds_each_invitee_exactly_once(invited):
    first = classes_remind_task.delay().get()
    second = classes_remind_task.delay().get()

    assert (first, second) == (1, 0)
    assert Notification.objects.filter(kind="class_reminder").count() == 3
    invited.refresh_from_db()
    assert invited.reminders_sent_at is not None


def test_a_class_more_than_an_hour_away_is_not_reminded_yet(invited):
    TrainingClass.objects.filter(pk=invited.pk).update(
        starts_at=NOW + datetime.timedelta(minutes=61)
    )

    assert classes_remind_task.delay().get() == 0
    assert not Notification.objects.filter(kind="class_reminder").exists()


def test_a_worker_that_found_the_class_due_too_late_sends_nothing(invited):
    """Two workers list the same due class; the second takes it after the first marked it."""
    now = NOW
    first = actions.training_class_remind(class_id=invited.pk, now=now)
    second = actions.training_class_remind(class_id=invited.pk, now=now)

    assert (first, second) == (True, False)
    assert Notification.objects.filter(kind="class_reminder").count() == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_remind_only_once(tree, city_officer, invitees):
    training_class = actions.training_class_create(
        actor=city_officer,
        organization=tree.city,
        title="并发培训班",
        starts_at=NOW + datetime.timedelta(minutes=30),
        meeting_link="https://meeting.example/y",
    )
    actions.training_class_invite(
        actor=city_officer, training_class=training_class, audience=Audience(tree.city)
    )
    results, barrier = [], threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            with time_machine.travel(NOW, tick=False):
                results.append(actions.classes_remind())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 1]
    assert Notification.objects.filter(kind="class_reminder").count() == 3


# --- Attendance -----------------------------------------------------------------------------


@pytest.fixture
def begun(invited):
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        yield invited


def test_sheet_credits_joined_and_withdraws_when_corrected(begun, invitees, city_officer):
    wang = invitees[0]
    actions.attendance_record(
        actor=city_officer,
        training_class=begun,
        entries=[AttendanceEntry(wang.pk, "joined", 85)],
    )
    assert StudyCredit.objects.get(member=wang).hours == begun.hours
    begun.refresh_from_db()
    assert begun.status == TrainingClass.Status.HELD

    actions.attendance_record(
        actor=city_officer, training_class=begun, entries=[AttendanceEntry(wang.pk, "absent")]
    )
    assert not StudyCredit.objects.filter(member=wang).exists()


def test_attendance_before_the_class_is_refused(invited, invitees, city_officer):
    with pytest.raises(ValidationError):
        actions.attendance_record(
            actor=city_officer,
            training_class=invited,
            entries=[AttendanceEntry(invitees[0].pk, "joined", 10)],
        )


def test_only_invited_members_can_be_recorded(begun, tree, city_officer):
    from tests.factories import make_member

    other = make_member(tree.branch_a1, name="未邀请")
    with pytest.raises(ValidationError):
        actions.attendance_record(
            actor=city_officer,
            training_class=begun,
            entries=[AttendanceEntry(other.pk, "joined", 10)],
        )


def test_import_records_joined_and_absent_and_credits(begun, invitees, city_officer):
    upload = xlsx([HEADER, ["王文春", "13900000001", 88], ["曹忠海", "+86 139 0000 0002", "45.0"]])

    counts = actions.attendance_import(actor=city_officer, training_class=begun, upload=upload)

    assert counts == {"changed": 3, "joined": 2, "not_joined": 1}
    row = ClassInvitation.objects.get(member=invitees[0])
    assert (row.attendance, row.minutes) == ("joined", 88)
    assert ClassInvitation.objects.get(member=invitees[2]).attendance == "absent"
    assert StudyCredit.objects.filter(source="class").count() == 2


def test_import_reads_gbk_csv(begun, invitees, city_officer):
    upload = csv_file("姓名,手机号,入会时长（分钟）\n王文春,13900000001,60\n", "gbk")

    counts = actions.attendance_import(actor=city_officer, training_class=begun, upload=upload)

    assert counts["joined"] == 1


def test_import_with_bad_rows_reports_each_and_saves_nothing(begun, invitees, city_officer):
    upload = xlsx(
        [
            HEADER,
            ["王文春", "13900000001", 88],
            ["李不在", "13911112222", 30],
            ["张冒名", "13900000002", 30],
            ["肖双强", "13900000003", "很久"],
            ["王文春", "13900000001", 20],
        ]
    )

    with pytest.raises(ValidationError) as error:
        actions.attendance_import(actor=city_officer, training_class=begun, upload=upload)

    messages = error.value.messages
    assert [m.split(":")[0].split("：")[0] for m in messages] == [
        "第 3 行",
        "第 4 行",
        "第 5 行",
        "第 6 行",
    ]
    assert not ClassInvitation.objects.exclude(attendance="").exists()
    assert not StudyCredit.objects.exists()


def test_import_without_the_columns_says_which_are_missing(begun, city_officer):
    with pytest.raises(ValidationError) as error:
        actions.attendance_import(
            actor=city_officer, training_class=begun, upload=csv_file("姓名,电话\n王文春,1\n")
        )

    assert "入会时长(分钟)" in error.value.messages[0]


# --- Reading scoped ---------------------------------------------------------------------------


def test_a_village_reads_the_city_class_its_member_was_invited_to(invited, secretary_a):
    assert selectors.class_queryset(user=secretary_a).filter(pk=invited.pk).exists()
    sheet = selectors.attendance_sheet(user=secretary_a, training_class=invited)
    assert {row.member.name for row in sheet.items} == {"王文春", "曹忠海"}


def test_outsider_sees_no_class(invited, outsider):
    assert not selectors.class_queryset(user=outsider).exists()


def test_phone_section_shows_upcoming_class_with_its_link(invited, invitees):
    from education.classes.links import classes_section

    item = classes_section(invitees[0], today=None)[0].items[0]

    assert item.url == "https://meeting.tencent.com/dm/abc"
    assert "2026-11-27 09:50" in item.detail


def test_a_new_time_earns_a_new_reminder_the_same_time_does_not(invited, city_officer):
    classes_remind_task.delay().get()
    actions.training_class_update(
        actor=city_officer, training_class=invited, title=invited.title + "（更新）"
    )
    invited.refresh_from_db()
    assert invited.reminders_sent_at is not None

    actions.training_class_update(
        actor=city_officer,
        training_class=invited,
        starts_at=invited.starts_at + datetime.timedelta(minutes=10),
    )
    invited.refresh_from_db()
    assert invited.reminders_sent_at is None
    assert classes_remind_task.delay().get() == 1
    assert Notification.objects.filter(kind="class_reminder").count() == 6


def test_a_broken_spreadsheet_is_refused_in_words(begun, city_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile("参会明细.xlsx", b"PK\x03\x04 not really a workbook")
    with pytest.raises(ValidationError) as error:
        actions.attendance_import(actor=city_officer, training_class=begun, upload=broken)

    assert ".xlsx" in error.value.messages[0]
