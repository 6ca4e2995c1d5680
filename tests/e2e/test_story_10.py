"""Acceptance story 10 of DESIGN.md in Chromium: 王秀玲's political birthday greeting, named
the same on the home page, her file and the SMS, and what her secretary sees was sent."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.files.birthdays import political_birthdays_queue
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_story_10_wang_xiuling_is_greeted_on_her_12th_anniversary(page, demo):
    """The demo sets her 12th anniversary two days from today."""
    anniversary = timezone.localdate() + datetime.timedelta(days=2)
    log_in(page, "wangshenggui", DEMO_PASSWORD)

    expect(page.locator("#birthdays-week")).to_contain_text("王秀玲")
    expect(page.locator("#birthdays-week")).to_contain_text("入党12周年")
    page.locator("a", has_text="党员档案").first.click()
    page.locator("#member-list a.member-name", has_text="王秀玲").click()
    expect(page.locator("body")).to_contain_text("入党12周年")

    political_birthdays_queue(day=anniversary)  # the morning task of that day

    page.locator("nav a", has_text="已发送消息").first.click()
    # 王秀玲 also has the education demo's class invitations: the greeting's row.
    row = page.locator("#sent tr", has_text="王秀玲").filter(has_text="政治生日祝福")
    expect(row).to_contain_text("今天是你入党12周年的政治生日")
    expect(row).to_contain_text("短信")
    expect(row).to_contain_text("已发送")
    expect(row).to_contain_text("政治生日")
    assert "个年头" not in row.inner_text()
    page.goto(f"{page.base_url}/notifications/")
    expect(page.locator("#inbox")).to_contain_text(
        f"今天（{anniversary.isoformat()}）王秀玲过政治生日"
    )
