"""The inflow organisation picker in a real Chromium: search by name, choose by tap or keys."""

import pytest
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from members.organizations.models import Organization
from tests.e2e.conftest import log_in, organization_picker_ready, pick_region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE_BRANCH = "大街街道流动党员党支部"


@pytest.fixture
def demo(transactional_db):
    load_demo()


def open_registration(page) -> None:
    """韩德明 opens the departure form for 张善强 of his branch."""
    log_in(page, "handeming", DEMO_PASSWORD)
    member = Member.objects.get(name="张善强")
    page.goto(f"{page.base_url}/records/new/{member.pk}/")
    page.check("input[name=inflow_target][value=system]")


def test_a_secretary_on_a_phone_finds_the_branch_and_taps_it(phone_page, demo):
    page = phone_page
    open_registration(page)
    search = organization_picker_ready(page, "id_inflow_organization")

    search.fill("大街街道流动")
    option = page.get_by_role("listbox").get_by_role("option", name=MOBILE_BRANCH)
    expect(option).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    assert option.bounding_box()["height"] >= 44, "a thumb-sized target"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    option.tap()

    branch = Organization.objects.get(name=MOBILE_BRANCH)
    expect(page.locator("input[type=hidden][name=inflow_organization]")).to_have_value(
        str(branch.pk)
    )
    expect(search).to_have_value(MOBILE_BRANCH)
    expect(page.locator("#id_inflow_organization-path")).to_contain_text("大街街道党工委")
    expect(page.get_by_role("listbox")).to_be_hidden()


def fill_departure(page) -> None:
    page.select_option("#id_reason", "work")
    page.select_option("#id_original_occupation", "farmer")
    page.select_option("#id_unit_type", "private_enterprise")
    page.fill("#id_departure_date", "2026-11-20")
    page.fill("#id_expected_months", "12")
    pick_region(page, "id_destination_region_code", "青海省", "西宁市", "630102")
    page.fill("#id_destination_address", "西宁市城东区大街街道")


def test_keys_choose_the_branch_and_the_registration_keeps_it(page, demo):
    open_registration(page)
    fill_departure(page)
    search = organization_picker_ready(page, "id_inflow_organization")

    search.fill("流动党员党支部")
    results = page.get_by_role("listbox").get_by_role("option")
    expect(results.first).to_be_visible()
    options = results.all_inner_texts()
    search.press("ArrowDown")
    active = search.get_attribute("aria-activedescendant")
    search.press("Enter")  # chooses the option; the form is not sent yet
    chosen = search.input_value()
    page.click("form.card button[type=submit]")

    expect(page.locator("h1 [data-status]")).to_have_attribute("data-status", "draft")
    assert active == "id_inflow_organization-results-0"
    assert options[0].startswith(chosen)
    record = Member.objects.get(name="张善强").mobile_records.get()
    assert record.inflow_organization.name == chosen
