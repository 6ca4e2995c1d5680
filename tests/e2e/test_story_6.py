"""Acceptance story 6 of DESIGN.md in Chromium: 杨增奎 of 新添堡村 (大通县长宁镇) has let 3 mu
of land to a villager who has not paid for five years. 长宁镇党委's secretary 赵德明 files the
dispute from 杨增奎's phone call and hands it over to the village branch; its secretary 祁海成
calls him, brings in the 司法所 to mediate, records the settlement and closes the request with
杨增奎's feedback. A phone-sized screen (375 px) is enough for the village secretary.
"""

import re

import pytest
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from services.cases.demo import HANDOVER_REASON, VILLAGE_LOGIN
from services.cases.models import ServiceCase
from tests.e2e.conftest import log_in, pick_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "土地租金纠纷（杨增奎来电）"
NOTE = "已电话联系杨增奎"
RESOLUTION = "经司法所调解，承租方同意分两期补交5年租金，并签订书面协议。"
FEEDBACK = "租金已收到第一期，感谢村支部和司法所。"


@pytest.fixture
def yang(transactional_db):
    load_demo()  # the service chain's demo (and 祁海成's login) comes with it
    return Member.objects.get(name="杨增奎", is_sample=True)


def test_story_6_land_dispute_handed_to_the_village_and_mediated(page, phone_page, yang):
    log_in(page, "zhaodeming", DEMO_PASSWORD)
    case = town_files_and_hands_over(page, yang)

    log_in(phone_page, VILLAGE_LOGIN, DEMO_PASSWORD)
    village_mediates_and_closes(phone_page, case)

    case.refresh_from_db()
    assert (case.status, case.satisfaction, case.feedback) == ("closed", 5, FEEDBACK)
    assert list(case.departments.values_list("name", flat=True)) == ["司法所"]


def town_files_and_hands_over(page, yang) -> ServiceCase:
    """From the member's file link: 杨增奎 is ticked, the town handles it by default."""
    page.goto(f"{page.base_url}/services/cases/new/?member={yang.pk}")
    expect(page.locator(f"#case-members input[value='{yang.pk}']")).to_be_checked()
    page.select_option("#id_category", "land_lease")
    expect(page.locator("#default-due span:not([hidden])")).to_have_text(
        re.compile(r"\d{4}-\d{2}-\d{2}")
    )
    page.fill("#id_title", TITLE)
    page.fill("#id_description", "3亩耕地租给本村村民，对方近5年未付租金。本人来电求助。")
    page.click("#file-case")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("#case-organization")).to_have_text("长宁镇党委")
    case = ServiceCase.objects.get(title=TITLE)

    page.click("#handover summary")
    pick_organization(page, "handover_organization", "新添堡", "新添堡村党支部")
    page.fill("#handover_reason", HANDOVER_REASON)
    page.click("#handover-form button[type=submit]")
    expect(page.locator("#case-organization")).to_have_text("新添堡村党支部")
    expect(page.locator("#case-timeline")).to_contain_text(HANDOVER_REASON)
    return case


def village_mediates_and_closes(page, case: ServiceCase) -> None:
    page.goto(f"{page.base_url}/services/cases/")
    page.get_by_role("link", name=TITLE).click()
    page.click("#step-accept button")
    page.click("#step-start button")

    page.fill("#note_text", NOTE)
    page.click("#note-form button[type=submit]")
    expect(page.locator("#case-timeline")).to_contain_text(NOTE)

    page.click("#case-departments summary")
    page.fill("#department_name", "司法所")
    page.fill("#department_contact", "长宁镇司法所 0971-2712345")
    page.fill("#department_asked_for", "主持双方调解")
    page.click("#department-form button[type=submit]")
    expect(page.locator("#case-departments")).to_contain_text("司法所")

    page.click("#step-resolve summary")
    page.fill("#resolve_text", RESOLUTION)
    page.click("#step-resolve button[type=submit]")
    expect(page.locator("#case-resolution")).to_have_text(RESOLUTION)

    page.click("#step-close summary")
    page.fill("#close_text", FEEDBACK)
    page.select_option("#close_satisfaction", "5")
    page.click("#step-close button[type=submit]")
    expect(page.locator("#case-feedback")).to_contain_text(FEEDBACK)
