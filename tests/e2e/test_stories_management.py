"""Acceptance stories 1 and 3 of DESIGN.md, in a real Chromium, on the demo data."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from members.mobility.models import IntroductionLetter, MobileRecord
from tests.e2e.conftest import log_in, pick_region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_story_1_mahuiyan_checks_liao_hongwei_by_phone_and_takes_him_in(phone_page, demo):
    """廖宏伟 came from Chengdu; 马慧艳 checks his data by phone and takes him in."""
    page = phone_page
    log_in(page, "mahuiyan", DEMO_PASSWORD)

    page.goto(f"{page.base_url}/records/inbox/")
    row = page.locator("tr", has_text="廖宏伟")
    expect(row).to_contain_text("中共成都市武侯区簇锦街道工委")
    row.locator("a[href$='/step/take_in/']").click()

    checklist = page.locator("ul.checklist")
    expect(checklist).to_contain_text("廖宏伟")
    expect(checklist).to_contain_text(re.compile(r"510107\*{8}\d{3}[\dX]"))
    page.select_option("#id_taken_in_by", label="大街街道流动党员党支部")
    page.click("form.card button[type=submit]")
    expect(page.locator(".field.has-error")).to_have_count(1)  # the phone check is required
    page.check("#id_checked_by_phone")
    page.click("form.card button[type=submit]")

    expect(page.locator("h1 [data-status]")).to_have_attribute("data-status", "taken_in")
    expect(page.locator("#timeline")).to_contain_text("马慧艳")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    record = Member.objects.get(name="廖宏伟").mobile_records.get()
    assert record.status == MobileRecord.Status.TAKEN_IN
    assert record.taken_in_by.name == "大街街道流动党员党支部"
    assert record.reported_on is not None


def test_story_3_zhang_shanqiang_leaves_with_a_letter_of_introduction(page, demo):
    """张善强 of 韵家口镇 goes to 西藏易达; his branch registers him and issues the letter."""
    log_in(page, "handeming", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/members/?q=zsq")
    page.locator("#member-list a.member-name", has_text="张善强").click()
    page.locator("#mobility-path a.button").click()

    page.select_option("#id_reason", "work")
    page.select_option("#id_original_occupation", "farmer")
    page.select_option("#id_unit_type", "private_enterprise")
    page.fill("#id_departure_date", "2026-11-20")
    page.fill("#id_expected_months", "12")
    pick_region(page, "id_destination_region_code", "西藏自治区", "拉萨市", "540102")
    page.fill("#id_destination_address", "西藏自治区拉萨市城关区")
    page.check("input[name=inflow_target][value=external]")
    page.fill("#id_external_name", "中共西藏易达投资股份有限公司支部委员会")
    page.fill("#id_external_contact_person", "扎西")
    page.fill("#id_external_contact_phone", "0891-6330001")
    pick_region(page, "id_external_region_code", "西藏自治区", "拉萨市", "540102")
    page.fill("#id_employer_name", "西藏易达投资股份有限公司")
    page.fill("#id_employer_contact_person", "次仁")
    page.fill("#id_employer_contact_phone", "13989001234")
    page.fill("#id_co_management_measures", "流出地、流入地党组织与用人单位每季度互通一次情况")
    page.click("form.card button[type=submit]")

    expect(page.locator("h1 [data-status]")).to_have_attribute("data-status", "draft")
    page.click("#record-actions form[action$='/step/submit/'] button")
    expect(page.locator("h1 [data-status]")).to_have_attribute("data-status", "waiting")
    page.click("#record-actions a[href$='/letter/']")
    page.click("form.card button[type=submit]")

    letter = IntroductionLetter.objects.get(record__member__name="张善强")
    article = page.locator("article.letter")
    expect(article).to_contain_text(letter.number)
    expect(article).to_contain_text("中共西藏易达投资股份有限公司支部委员会：")
    expect(article).to_contain_text("因外出务工经商前往西藏自治区拉萨市城关区")
    expect(article).to_contain_text("西藏易达投资股份有限公司")
    expect(article).to_contain_text("扎西 0891-6330001")
    expect(article).to_contain_text(re.compile(r"630102\*{8}"))
    expect(article.locator(".return-slip")).to_contain_text("回执")

    pdf = page.request.get(f"{page.base_url}/records/letters/{letter.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    text = text.replace("\n", "")
    assert "中共西藏易达投资股份有限公司支部委员会：" in text  # the addressee
    assert "兹有" in text
    assert "因外出务工经商前往西藏自治区拉萨市城关区，请予接收" in text  # the recorded reason
    assert "外出务工经商或学习" not in text
    assert f"张善强同志持介绍信（编号{letter.number}）" in text  # the return slip
    assert "接收党组织（盖章）" in text
    record = letter.record
    assert (record.status, record.scope) == ("waiting", "cross_province")
    assert record.inflow_external.name == "中共西藏易达投资股份有限公司支部委员会"

    # The slip comes back from Lhasa: it records his report-in there.
    page.fill("#id_reported_on", "2026-11-24")
    page.click("#slip-form button[type=submit]")
    expect(page.locator("h1 [data-status]")).to_have_attribute("data-status", "taken_in")
    expect(page.locator("#timeline")).to_contain_text("2026-11-24报到")
    record.refresh_from_db()
    assert (record.status, str(record.reported_on)) == ("taken_in", "2026-11-24")
