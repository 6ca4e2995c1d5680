"""Acceptance story 4 of DESIGN.md in Chromium: 曹忠海 of 卡阳村 has the town's 2026 study plan
and reading list; his village secretary 严义萍 sees his progress on his file and on the plan,
and records on his word a reading he has finished — counted once, in hours, by name."""

import pytest
from playwright.sync_api import expect

from education.plans.demo import load_demo_plans
from members.demo import DEMO_PASSWORD, load_demo
from members.files.models import Member
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()
    load_demo_plans()  # wired into the education app's demo at merge; idempotent


def test_story_4_cao_zhonghai_reading_recorded_by_his_village_secretary(page, demo):
    cao = Member.objects.get(name="曹忠海", is_sample=True)
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
    expect(row).to_contain_text("6.0 / 32.0")
