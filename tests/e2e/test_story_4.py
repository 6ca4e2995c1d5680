"""Acceptance story 4 of DESIGN.md in Chromium: 拦隆口镇党委's officer 汪海燕 makes the year's
study plan for the town's mobile members and mails 卡阳村's mobile members the study package,
tracking numbers uploaded from a spreadsheet; 曹忠海, working in 山丹县, confirms the parcel
and finishes a lesson on his phone page at 375 px; his secretary 严义萍 sees it all on his file.
"""

import io
import re

import openpyxl
import pytest
from django.db.models import Sum
from playwright.sync_api import expect

from education.hours.models import StudyCredit
from education.lessons.demo import TITLE as LESSON_TITLE
from education.lessons.models import Lesson, LessonDelivery
from education.packages.models import Dispatch, Shipment
from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from members.links.models import LinkEvent
from members.outbox.models import Notification
from tests.e2e.conftest import log_in, pick_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PACKAGE = "2026年度学习礼包"
DISPATCH_TITLE = "2027年度学习礼包（卡阳村流动党员）"
COURIER = "中国邮政EMS"


@pytest.fixture
def demo(transactional_db):
    load_demo()  # the education demo (plan, package, lesson, classes) is loaded with it


@pytest.fixture
def cao(demo):
    return Member.objects.get(name="曹忠海", is_sample=True)


def tracking_workbook(rows) -> dict:
    """An upload for Playwright's set_input_files: the template's columns, our rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["运单序号", "姓名", "手机号", "邮寄地址", "快递公司", "运单号"])
    for row in rows:
        sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {"name": "tracking.xlsx", "mimeType": mime, "buffer": content.getvalue()}


def test_story_4_plan_package_and_lesson_through_the_phone_page(page, phone_page, cao):
    log_in(page, "wanghaiyan", DEMO_PASSWORD)
    make_the_2027_plan(page, cao)
    shipment = dispatch_to_kayang_with_tracking_numbers(page, cao)

    page.context.clear_cookies()
    log_in(page, "yanyiping", DEMO_PASSWORD)
    path = send_the_personal_link(page, cao)
    cao_confirms_and_studies(phone_page, path, shipment)
    his_file_shows_it(page, cao, shipment)


def make_the_2027_plan(page, cao) -> None:
    """From the town's template, for the town's mobile members."""
    page.goto(f"{page.base_url}/education/plans/new/")
    page.select_option("#id_organization", label="拦隆口镇党委")
    page.select_option("#id_template", label="2026年流动党员学习计划")
    page.fill("#id_year", "2027")
    pick_organization(page, "id_audience_organization", "拦隆口镇", "拦隆口镇党委")
    expect(page.locator("#id_audience_mobile_only")).to_be_checked()
    page.locator("#plan-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("2027")
    expect(page.locator(f'#progress tr[data-member="{cao.pk}"]')).to_contain_text("曹忠海")


def dispatch_to_kayang_with_tracking_numbers(page, cao) -> Shipment:
    """The package for 卡阳村's mobile members; a file with a bad row, then the clean one."""
    page.goto(f"{page.base_url}/education/packages/new/")
    page.select_option("#id_package", label=PACKAGE)
    page.fill("#id_title", DISPATCH_TITLE)
    pick_organization(page, "id_audience_organization", "卡阳村", "卡阳村党支部")
    page.get_by_role("button", name="预览接收人").click()
    expect(page.locator("#recipient-names")).to_contain_text("曹忠海")
    page.get_by_role("button", name="创建寄送批次").click()
    expect(page.locator("#shipments")).to_contain_text("曹忠海")
    dispatch = Dispatch.objects.get(title=DISPATCH_TITLE)
    shipments = list(dispatch.shipments.select_related("member").order_by("pk"))
    numbers = {s.pk: f"EA{100000000 + i:09d}CN" for i, s in enumerate(shipments)}
    rows = [[s.pk, s.member.name, "", "", COURIER, numbers[s.pk]] for s in shipments]

    page.get_by_role("link", name="导入运单号").click()
    bad = [[*rows[0][:5], "坏单号!"], *rows[1:]]
    page.set_input_files("#id_file", tracking_workbook(bad))
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-errors tbody tr")).to_have_count(1)
    expect(page.locator("#import-errors tbody tr td").first).to_have_text("2")
    assert not dispatch.shipments.exclude(status=Shipment.Status.TO_PACK).exists()

    page.set_input_files("#id_file", tracking_workbook(rows))
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#progress")).to_contain_text(f"已寄出 {len(shipments)}")
    shipment = dispatch.shipments.get(member=cao)
    sms = Notification.objects.get(
        kind="package_sent", recipient_member=cao, text__contains=numbers[shipment.pk]
    )
    assert COURIER in sms.text
    return shipment


def send_the_personal_link(page, cao) -> str:
    """严义萍 sends it from his file; the path is read from the SMS."""
    page.goto(f"{page.base_url}/members/{cao.pk}/")
    page.get_by_role("button", name="短信发送新链接").click()
    expect(page.locator("#member-link-list")).to_be_visible()
    sms = Notification.objects.get(kind="member_link", recipient_member=cao)
    return re.search(r"/m/\S+/", sms.text).group(0)


def cao_confirms_and_studies(phone, path: str, shipment: Shipment) -> None:
    phone.goto(f"{phone.base_url}{path}")
    expect(phone.locator("h1.greeting")).to_contain_text("曹忠海")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    parcel = phone.locator(".item", has_text=shipment.tracking_number)
    parcel.get_by_role("button", name="确认收到").click()
    expect(phone.locator(".message.success")).to_be_visible()
    expect(phone.locator(".item", has_text=shipment.tracking_number)).to_have_count(0)

    phone.locator(".item", has_text=LESSON_TITLE).locator("a.item-title").click()
    expect(phone.locator("h1")).to_contain_text(LESSON_TITLE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.get_by_role("button", name="我已学完本课").click()
    expect(phone.locator(".message.success")).to_be_visible()


def his_file_shows_it(page, cao, shipment: Shipment) -> None:
    """The parcel received, the lesson completed and credited, both on his timeline."""
    page.goto(f"{page.base_url}/members/{cao.pk}/")
    row = page.locator(f'#member-shipments tr[data-shipment="{shipment.pk}"]')
    expect(row).to_contain_text("已签收")
    expect(page.locator("#study-credits")).to_contain_text(LESSON_TITLE)
    events = page.locator("#member-link-events")
    expect(events).to_contain_text(PACKAGE)
    expect(events).to_contain_text(LESSON_TITLE)
    assert LinkEvent.objects.filter(member=cao).count() == 2

    lesson = Lesson.objects.get(title=LESSON_TITLE)
    completed = LessonDelivery.objects.filter(lesson=lesson, completed_at__isnull=False)
    assert completed.filter(member=cao).exists()
    page.goto(f"{page.base_url}/education/lessons/{lesson.pk}/")
    expect(page.locator("#count-completed")).to_have_text(str(completed.count()))


def test_story_4_reading_recorded_by_his_village_secretary(page, cao):
    """On his word, 严义萍 records a reading he finished: counted once, in hours."""
    credits = StudyCredit.objects.filter(member=cao, studied_on__year=2026)
    before = credits.aggregate(Sum("hours"))["hours__sum"]
    log_in(page, "yanyiping", DEMO_PASSWORD)

    page.goto(f"{page.base_url}/members/{cao.pk}/")
    plans = page.locator("#member-plans")
    expect(plans).to_contain_text("2026年流动党员学习计划")
    expect(page.locator("#study-credits")).to_contain_text("中国共产党章程")

    plans.locator("a").first.click()
    row = page.locator(f'#progress tr[data-member="{cao.pk}"]')
    expect(row).to_contain_text("1/3")
    row.locator("select[name=reading]").select_option(
        label="《习近平新时代中国特色社会主义思想学习纲要》"
    )
    row.locator("button[type=submit]").click()

    row = page.locator(f'#progress tr[data-member="{cao.pk}"]')
    expect(row).to_contain_text("2/3")
    # The plan counts all of the year's hours (the demo's past city class too): 4 more.
    assert credits.aggregate(Sum("hours"))["hours__sum"] == before + 4
    expect(row).to_contain_text(f"{before + 4:.1f} / 32.0")
