"""Acceptance story 5 of DESIGN.md in Chromium: 西宁市委组织部 holds a city-wide online class
for the city's mobile members; 王文春 of 上山庄村, working in 南宁, is invited by SMS, reminded
once an hour before (the beat task, run twice), recorded as joined for 85 minutes after the
class, and his file shows the class's hours credited and the year's hours bar."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from education.classes.models import ClassInvitation, TrainingClass
from education.classes.tasks import classes_remind_task
from education.hours.models import StudyCredit
from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from members.outbox.models import Notification
from tests.e2e.conftest import log_in, pick_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "流动党员线上专题培训班（故事五）"


@pytest.fixture
def demo(transactional_db):
    load_demo()  # the education demo is loaded with it


@pytest.fixture
def wang(demo):
    return Member.objects.get(name="王文春", is_sample=True)


def test_story_5_city_wide_class_invited_reminded_attended_credited(page, wang):
    # Starts in two hours (whole minutes, as the form takes them).
    starts = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(hours=2)
    log_in(page, "xn_zzb", DEMO_PASSWORD)

    training_class = schedule_and_invite(page, starts)
    invitation = Notification.objects.filter(kind="class_invitation", recipient_member=wang)
    assert invitation.filter(text__contains=TITLE).count() == 1

    with time_machine.travel(starts - datetime.timedelta(minutes=50)):
        classes_remind_task()
        classes_remind_task()  # the beat's next run: nothing twice
    reminders = Notification.objects.filter(kind="class_reminder", recipient_member=wang)
    assert reminders.filter(text__contains=TITLE).count() == 1

    with time_machine.travel(starts + datetime.timedelta(minutes=100)):
        # Hours later: the session ended after 30 idle minutes, so the officer signs in again.
        log_in(page, "xn_zzb", DEMO_PASSWORD)
        record_attendance(page, training_class, wang)
        his_file_shows_the_hours(page, training_class, wang)


def schedule_and_invite(page, starts: datetime.datetime) -> TrainingClass:
    """The city's officer schedules the class and invites the city's mobile members."""
    page.goto(f"{page.base_url}/education/classes/new/")
    page.select_option("#id_organization", label="中共西宁市委")
    page.fill("#id_title", TITLE)
    page.fill("#id_starts_at", f"{starts:%Y-%m-%dT%H:%M}")
    page.fill("#id_duration_minutes", "90")
    page.fill("#id_meeting_link", "https://meeting.tencent.com/dm/story-5")
    page.fill("#id_hours", "2")
    page.locator("#class-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text(TITLE)

    pick_organization(page, "id_audience_organization", "西宁市委", "中共西宁市委")
    expect(page.locator("#id_audience_mobile_only")).to_be_checked()
    page.get_by_role("button", name="邀请", exact=True).click()
    # The page answers once every invitation is written: only then read the database.
    expect(page.locator(".message.success")).to_be_visible()
    training_class = TrainingClass.objects.get(title=TITLE)
    invited = training_class.invitations.count()
    expect(page.locator("#count-invited")).to_have_text(str(invited))
    return training_class


def record_attendance(page, training_class: TrainingClass, wang: Member) -> None:
    """After the class: 王文春 joined for 85 minutes; the class is held."""
    page.goto(f"{page.base_url}/education/classes/{training_class.pk}/")
    # The city's sheet runs to more than one page: the officer looks him up by name.
    page.locator("#sheet-search input[name=name]").fill("王文春")
    page.locator("#sheet-search button[type=submit]").click()
    expect(page.locator("#attendance-sheet tbody tr")).to_have_count(1)
    row = page.locator(f'#attendance-sheet tr[data-member="{wang.pk}"]')
    row.locator(f"select[name=attendance_{wang.pk}]").select_option("joined")
    row.locator(f"input[name=minutes_{wang.pk}]").fill("85")
    page.get_by_role("button", name="保存出勤").click()
    expect(page.locator("h1 .badge")).to_have_attribute("data-status", "held")
    expect(page.locator("#count-joined")).to_have_text("1")
    sheet = ClassInvitation.objects.get(training_class=training_class, member=wang)
    assert (sheet.attendance, sheet.minutes) == ("joined", 85)


def his_file_shows_the_hours(page, training_class: TrainingClass, wang: Member) -> None:
    credit = StudyCredit.objects.get(member=wang, description__contains=TITLE)
    assert credit.hours == training_class.hours
    page.goto(f"{page.base_url}/members/{wang.pk}/")
    expect(page.locator("#study-credits")).to_contain_text(TITLE)
    hours = page.locator("#study-hours")
    expect(hours).to_contain_text(f"{timezone.localdate().year}年学时")
    expect(hours.locator(".hours-bar")).to_be_visible()
