"""Acceptance story 8 of DESIGN.md in Chromium: 刘德花 asks her branch's mobile members about
their needs on a 375-px phone — one has no needs, one cannot be reached, one's wages are
owed and becomes a request with one tap — then 城中区委组织部 reads the district's summary by
branch and category, and who has not been contacted yet.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from services.cases.models import ServiceCase
from services.needs.models import NeedsEntry, NeedsRound
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRANCH = "南滩街道流动党员党支部"
WAGES = "工地拖欠两个月工资，老板联系不上"


@pytest.fixture
def story_round(transactional_db):
    load_demo()  # opens this month's rounds of 城中区, some rows filled
    month = timezone.localdate().replace(day=1)
    return NeedsRound.objects.get(organization__name=BRANCH, month=month)


def test_story_8_needs_collected_on_a_phone_and_summed_up_for_the_district(
    page, phone_page, story_round
):
    log_in(phone_page, "liudehua", DEMO_PASSWORD)
    asked = fill_three_rows(phone_page, story_round)
    the_district_sees_it(page, story_round, asked)


def fill_three_rows(phone, story_round) -> list[NeedsEntry]:
    phone.goto(f"{phone.base_url}/services/needs/")
    phone.locator("#round-list a", has_text=BRANCH).click()
    phone.locator("#only-todo").click()
    # The filter reloads the page: measure the new one, not the one being left.
    expect(phone).to_have_url(re.compile(r"todo=1"))
    phone.wait_for_load_state()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    filled = []
    for outcome, method, needs, category in (
        ("no_needs", "wechat", "", ""),
        ("unreachable", "", "", ""),
        ("needs", "phone", WAGES, "unpaid_wages"),
    ):
        row = phone.locator("#entries tbody tr").first
        pk = int(row.get_attribute("data-entry"))
        expect(row.locator("a.phone")).to_have_attribute("href", f"tel:{_phone(pk)}")
        row.locator(f"input[name=outcome][value={outcome}]").check()
        if method:
            row.locator("select[name=method]").select_option(method)
        if needs:
            row.locator("input[name=needs]").fill(needs)
            row.locator("select[name=category]").select_option(category)
        row.locator("button.primary").click()
        expect(phone.locator(f"#entry-{pk}")).to_have_count(0)  # asked: off the to-do list
        filled.append(NeedsEntry.objects.get(pk=pk))
    needs_row = filled[-1]
    phone.goto(f"{phone.base_url}/services/needs/{story_round.pk}/")
    phone.locator(f"#entry-{needs_row.pk} button.to-case").click()
    expect(phone.locator(f"#entry-{needs_row.pk} .badge")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    case = ServiceCase.objects.get(needs_entries=needs_row)
    assert (case.channel, case.category, case.description) == ("needs_round", "unpaid_wages", WAGES)
    assert [e.outcome for e in filled] == ["no_needs", "unreachable", "needs"]
    return filled


def _phone(entry_pk: int) -> str:
    return NeedsEntry.objects.select_related("member").get(pk=entry_pk).member.phone


def the_district_sees_it(page, story_round, asked) -> None:
    log_in(page, "czq_zzb", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/services/needs/")
    page.locator("#needs-summary").click()
    story_round.refresh_from_db()
    branch = page.locator(f'#summary-branches tr[data-round="{story_round.pk}"]')
    expect(branch).to_contain_text(BRANCH)
    expect(branch.locator("td").nth(2)).to_have_text(str(story_round.asked_count))
    expect(page.locator("#summary-categories")).to_contain_text(_label("unpaid_wages"))
    waiting = story_round.entries.filter(outcome="").select_related("member").first()
    expect(page.locator("#not-contacted")).to_contain_text(waiting.member.name)
    for entry in asked:
        expect(page.locator("#not-contacted")).not_to_contain_text(entry.member.name)
    expect(page.locator("body")).not_to_contain_text(waiting.member.phone)
    expect(page.locator(".to-case")).to_have_count(0)


def _label(category: str) -> str:
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(ServiceCase.Category(category).label)
