"""Acceptance story 9 of DESIGN.md in Chromium: the service stations and a hardship subsidy.

南滩's secretary 刘德花 looks up the stations of 城中区 and opens her town's; 肖双强's phone page
(375 px) lists that station, with its number to call. 新添堡村's secretary applies for a
hardship subsidy for 杨增奎 with a PDF; 长宁镇党委's secretary 赵德明 finds it on his home
card, approves it and marks it paid; the year's total shows on the application and on
杨增奎's file.

The pages are driven by their ids and data attributes: the branch's translations are merged
by the lead, so the texts may still be English here.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from members.links.actions import link_issue
from members.organizations.models import User
from services.stations.models import ServiceStation
from services.subsidies.models import SubsidyApplication
from tests.e2e.conftest import log_in, pick_region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATION = "城中区南滩街道党群服务中心流动党员服务站"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.fixture
def village_secretary(demo):
    """新添堡村's secretary 祁海成 (a login of the service chain's demo)."""
    user = User.objects.get(username="qihaicheng")
    assert user.assignments.get().organization.name == "新添堡村党支部"
    return user


def test_story_9_stations_and_a_hardship_subsidy(page, phone_page, village_secretary):
    log_in(page, "liudehua", DEMO_PASSWORD)
    the_directory_lists_nantan_station(page)
    xiao_sees_the_station_on_his_phone(phone_page)

    page.context.clear_cookies()
    log_in(page, "qihaicheng", DEMO_PASSWORD)
    application = the_branch_applies_for_yang_with_a_pdf(page)

    page.context.clear_cookies()
    log_in(page, "zhaodeming", DEMO_PASSWORD)
    the_town_approves_and_pays(page, application)


def the_directory_lists_nantan_station(page) -> None:
    page.goto(f"{page.base_url}/services/stations/")
    pick_region(page, "id_region", "青海省", "西宁市", "630103")
    page.locator("#station-filters button[type=submit]").click()
    rows = page.locator("#stations tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name=STATION).click()
    expect(page.locator("h1")).to_contain_text(STATION)
    expect(page.locator("#open-cases")).to_have_text("0")


def xiao_sees_the_station_on_his_phone(phone) -> None:
    xiao = Member.objects.get(name="肖双强", is_sample=True)
    secretary = User.objects.get(username="liudehua")  # 肖双强's branch
    path = link_issue(actor=secretary, member=xiao).path
    phone.goto(f"{phone.base_url}{path}")
    item = phone.locator(".item", has_text=STATION)
    expect(item).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    item.locator("a.item-title").click()
    station = ServiceStation.objects.get(name=STATION)
    expect(phone.locator("#call-station")).to_have_attribute("href", f"tel:{station.contact_phone}")


def the_branch_applies_for_yang_with_a_pdf(page) -> SubsidyApplication:
    yang = Member.objects.get(name="杨增奎", is_sample=True)
    page.goto(f"{page.base_url}/members/{yang.pk}/")
    page.locator("#apply-subsidy").click()
    page.fill("#id_amount", "12.345")
    page.fill("#id_reason", "妻子因病住院，家庭收入骤减。")
    page.locator("#subsidy-form button[type=submit]").click()
    expect(page.locator("#subsidy-form .has-error")).to_have_count(1)
    assert not SubsidyApplication.objects.filter(reason__startswith="妻子").exists()

    page.fill("#id_amount", "1500.00")
    page.fill("#id_reason", "妻子因病住院，家庭收入骤减。")
    page.set_input_files(
        "#id_file", {"name": "住院证明.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("#subsidy-form button[type=submit]").click()
    expect(page.locator("#subsidy-files")).to_contain_text("住院证明.pdf")
    expect(page.locator("#subsidy-steps form")).to_have_count(1)  # withdraw only
    return SubsidyApplication.objects.get(reason__startswith="妻子")


def the_town_approves_and_pays(page, application: SubsidyApplication) -> None:
    page.goto(f"{page.base_url}/")
    card = page.locator("a[href*='/services/subsidies/?box=to_approve']")
    expect(card.first).to_be_visible()
    page.goto(f"{page.base_url}/services/subsidies/?box=to_approve")
    page.locator(f"tr[data-subsidy='{application.pk}'] a").click()
    page.locator("form[data-step=approve] button").click()
    page.locator("form[data-step=pay] button").click()
    expect(page.locator("form[data-step]")).to_have_count(0)

    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.PAID
    year = timezone.localdate().year
    expect(page.locator(f"#subsidy-totals tr[data-year='{year}']")).to_contain_text("1500.00")
    page.goto(f"{page.base_url}/members/{application.member_id}/")
    expect(page.locator(f"#member-subsidies tr[data-year='{year}']")).to_contain_text("1500.00")
