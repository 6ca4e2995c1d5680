"""The member's phone page in a real Chromium at 375 px: 李等待 opens the link from the SMS,
sees where to report in and presses 我已报到; the inflow branch's record keeps it."""

import pytest
from playwright.sync_api import expect

from members.links.actions import link_issue
from members.links.models import LinkEvent
from members.mobility.models import MobileRecord, RecordEvent
from tests.factories import make_member, make_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting_link(tree, secretary_a):
    tree.branch_b1.address = "西宁市城中区南滩街道党群服务中心"
    tree.branch_b1.save()
    member = make_member(tree.branch_a1, name="李等待")
    record = make_record(member, actor=secretary_a, inflow_organization=tree.branch_b1)
    return record, link_issue(actor=secretary_a, member=member)


def test_member_opens_the_link_and_confirms_reporting_in(phone_page, waiting_link):
    record, issued = waiting_link
    page = phone_page

    page.goto(f"{page.base_url}{issued.path}")

    expect(page.locator("h1.greeting")).to_contain_text("李等待")
    item = page.locator(".item", has_text="南滩街道流动党员党支部")
    expect(item).to_contain_text("西宁市城中区南滩街道党群服务中心")
    button = item.locator(".item-actions button")
    assert button.bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator(".topbar")).to_have_count(0)

    button.click()

    expect(page.locator(".message.success")).to_be_visible()
    expect(page.locator(".item-actions button")).to_have_count(0)
    assert record.events.filter(kind=RecordEvent.Kind.MEMBER_REPORT).count() == 1
    assert MobileRecord.objects.get(pk=record.pk).status == MobileRecord.Status.WAITING
    assert LinkEvent.objects.get().action == "report_in"


def test_a_broken_link_shows_the_plain_page(phone_page, waiting_link):
    _record, issued = waiting_link
    page = phone_page

    response = page.goto(f"{page.base_url}{issued.path[:-3]}xx/")

    assert response.status == 404
    expect(page.locator(".invalid-link")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("李等待")
