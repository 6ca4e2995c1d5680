"""A member's service request on the phone (375 px): 肖双强 opens his link, tells the branch
his wages are owed, follows the progress, and rates the result once it is resolved."""

import pytest
from playwright.sync_api import expect

from members.links.actions import link_issue
from services.cases import actions
from services.cases.models import ServiceCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issued(tree, secretary_b, member_b1):
    return link_issue(actor=secretary_b, member=member_b1)


def test_member_files_a_request_and_rates_the_result(phone_page, issued, secretary_b):
    page = phone_page
    page.goto(f"{page.base_url}{issued.path}")

    page.locator("a.item-title[href$='case_new/0/']").click()
    page.select_option("#case-category", "unpaid_wages")
    page.fill("#case-title", "工地拖欠工资")
    page.fill("#case-description", "十月份工资还没发")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button").click()

    expect(page.locator(".message.success")).to_be_visible()
    case = ServiceCase.objects.get()
    expect(page.locator(".item", has_text="工地拖欠工资")).to_be_visible()

    actions.case_step(actor=secretary_b, case=case, step="accept")
    actions.case_step(actor=secretary_b, case=case, step="resolve", text="工资已全部发放")
    page.locator("a.item-title", has_text="工地拖欠工资").click()
    expect(page.locator("body")).to_contain_text("工资已全部发放")
    page.locator("input[name='satisfaction'][value='5']").check()
    page.fill("#case-feedback", "谢谢支部")
    page.get_by_role("button").click()

    expect(page.locator(".message.success")).to_be_visible()
    case.refresh_from_db()
    assert (case.status, case.satisfaction) == ("closed", 5)
