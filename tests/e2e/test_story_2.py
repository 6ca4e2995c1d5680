"""Acceptance story 2 of DESIGN.md, in a real Chromium, on the demo data.

廖宏伟 (from Chengdu, taken in by 大街街道流动党员党支部) gets the branch's discipline reminder and
study notice; his attendance at its 主题党日 is recorded. A fellow mobile member whose home
branch is in the system (付家寨村党支部) attends too, and his home secretary 韩德明 sees it on
his file: one membership, organisational life in several places (art. 32).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from members.mobility.actions import (
    mobile_record_create,
    mobile_record_submit,
    mobile_record_take_in,
)
from members.organizations.models import Organization, User
from members.orglife.models import Activity, Attendance
from members.outbox.models import Notification
from tests.e2e.conftest import log_in
from tests.factories import registration_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE_BRANCH = "大街街道流动党员党支部"


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.fixture
def taken_in(demo):
    """Story 1's outcome for 廖宏伟; a 付家寨村 member working in 大街街道, also taken in."""
    # Each side's own secretary: the demo has no superuser (三员分立).
    home_secretary = User.objects.get(username="handeming")
    inflow_secretary = User.objects.get(username="mahuiyan")
    branch = Organization.objects.get(name=MOBILE_BRANCH)
    liao = Member.objects.get(name="廖宏伟")
    mobile_record_take_in(
        actor=inflow_secretary,
        record=liao.mobile_records.get(),
        taken_in_by=branch,
        inflow_contact_person="马慧艳",
    )
    fellow = (
        Member.objects.filter(
            organization__name="付家寨村党支部",
            status=Member.Status.ACTIVE,
            mobile_records__isnull=True,
        )
        .exclude(name="张善强")
        .order_by("pk")
        .first()
    )
    town = Organization.objects.get_parent(branch)
    record = mobile_record_create(
        actor=home_secretary,
        member=fellow,
        **registration_fields(
            inflow_organization=town,
            destination_region_code="630102",
            departure_date=timezone.localdate() - datetime.timedelta(days=30),
        ),
    )
    mobile_record_take_in(
        actor=inflow_secretary,
        record=mobile_record_submit(actor=home_secretary, record=record),
        taken_in_by=branch,
        inflow_contact_person="马慧艳",
    )
    return liao, fellow


def _new_activity(page, *, kind: str, title: str, held_at: datetime.datetime) -> Activity:
    page.goto(f"{page.base_url}/orglife/")
    page.click("#new-activity")
    page.select_option("#id_organization", label=MOBILE_BRANCH)
    page.select_option("#id_kind", kind)
    page.fill("#id_title", title)
    page.fill("#id_held_at", held_at.strftime("%Y-%m-%dT%H:%M"))
    page.check("#id_online")
    page.fill("#id_location", "腾讯会议 520-1314")
    page.click("#activity-form button[type=submit]")
    expect(page.locator("h1 [data-kind]")).to_have_attribute("data-kind", kind)
    return Activity.objects.get(title=title)


def test_story_2_liao_hongwei_gets_messages_and_his_attendance_is_seen_at_home(page, taken_in):
    liao, fellow = taken_in
    log_in(page, "mahuiyan", DEMO_PASSWORD)

    # A discipline reminder to the mobile branch's members, those taken in included.
    page.goto(f"{page.base_url}/orglife/messages/")
    page.select_option("#id_organization", label=MOBILE_BRANCH)
    page.select_option("#id_audience", "all")
    page.select_option("#id_kind", "discipline_reminder")
    page.fill(
        "#id_text", "{name}同志：请严守党的纪律，按时参加流动党员党支部的组织生活。——{signature}"
    )
    page.click("#member-message button[name=preview]")
    expect(page.locator("#recipient-count")).not_to_have_text("0")
    page.click("#member-message button[name=confirm]")
    expect(page.locator(".message.success")).to_be_visible()
    reminders = Notification.objects.filter(kind="discipline_reminder")
    assert {liao, fellow} <= {n.recipient_member for n in reminders}
    assert reminders.get(recipient_member=fellow).text.startswith(f"{fellow.name}同志")

    # A Party lesson next week, announced by SMS (the study notice).
    now = timezone.localtime()
    lesson = _new_activity(
        page,
        kind="party_lesson",
        title="党课：流动党员如何亮身份",
        held_at=now + datetime.timedelta(days=7),
    )
    page.click("#activity-actions form[action$='/notify/'] button")
    expect(page.locator(".message.success")).to_be_visible()
    notices = Notification.objects.filter(
        kind="notice", occasion__startswith=f"activity:{lesson.pk}:"
    )
    assert {n.recipient_member for n in notices} >= {liao, fellow}
    assert "党课：流动党员如何亮身份" in notices.get(recipient_member=liao).text

    # This morning's theme Party day: attendance recorded on the sheet.
    day = _new_activity(
        page,
        kind="theme_day",
        title="主题党日：重温入党誓词",
        held_at=now.replace(hour=0, minute=0),
    )
    page.select_option(f"select[name=status_{liao.pk}]", "online")
    page.fill(f"input[name=note_{liao.pk}]", "在工地线上参加")
    page.select_option(f"select[name=status_{fellow.pk}]", "present")
    page.click("#attendance-sheet button[type=submit]")
    expect(page.locator(".message.success")).to_be_visible()
    rows = {row.member: row for row in Attendance.objects.filter(activity=day)}
    assert (rows[liao].status, rows[liao].note) == ("online", "在工地线上参加")
    assert rows[fellow].status == "present"

    # His yearly record, on his file.
    page.goto(f"{page.base_url}{liao.get_absolute_url()}")
    section = page.locator("#member-attendance")
    expect(section.locator(f"tr[data-activity='{day.pk}']")).to_contain_text(
        "主题党日：重温入党誓词"
    )
    month = timezone.localtime(day.held_at).month
    expect(section.locator(f"li[data-month='{month}']")).to_have_class("done")

    # The fellow member's home secretary sees the attendance at the inflow side's branch.
    page.context.clear_cookies()
    log_in(page, "handeming", DEMO_PASSWORD)
    page.goto(f"{page.base_url}{fellow.get_absolute_url()}")
    row = page.locator(f"#member-attendance tr[data-activity='{day.pk}']")
    expect(row).to_contain_text(MOBILE_BRANCH)
    expect(row.locator("[data-attendance]")).to_have_attribute("data-attendance", "present")
    row.locator("a").click()
    expect(page.locator("#attendance-list tr")).to_have_count(2)  # header + his own line only
    expect(page.locator("#attendance-list")).to_contain_text(fellow.name)
