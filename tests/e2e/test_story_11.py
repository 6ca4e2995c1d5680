"""Acceptance story 11 of DESIGN.md in Chromium: on a major holiday 湟源县城关镇党委 runs a care
campaign for the left-behind families of its members away; 尕庄村's secretary 王生贵 works
through his list on a 375-px phone — 王秀玲's daughter 王丽 and mother-in-law 赵秀英, both
visited — the progress reads 2/2, and 王秀玲's file shows the visits as care records beside
the political-birthday greeting the management chain sent her (story 10).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.files.birthdays import political_birthdays_queue
from members.files.models import Member, add_years
from members.organizations.models import Organization
from services.care import actions
from services.care.models import CareCampaign, CareRecord
from tests.e2e.conftest import log_in
from tests.factories import UserFactory, assign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "城关镇2027年元宵节走访慰问"
RELATIVES = ("王丽", "赵秀英")


@pytest.fixture
def wang(transactional_db):
    load_demo()
    return Member.objects.get(name="王秀玲", is_sample=True)


@pytest.fixture
def campaign(wang):
    """The town has no demo login: its secretary 姚红梅 makes the campaign."""
    town = Organization.objects.get(name="城关镇党委")
    secretary = UserFactory(username="yaohongmei", full_name="姚红梅")
    assign(secretary, town, "secretary")
    return actions.care_campaign_create(
        actor=secretary,
        organization=town,
        name=NAME,
        holiday="lantern",
        focus="all",
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
        ends_on=timezone.localdate() + datetime.timedelta(days=60),
    )


@pytest.fixture
def greeted(wang):
    """Story 10: her 12th political birthday, greeted by the daily fan-out."""
    political_birthdays_queue(day=add_years(wang.joined_party_on, 12))


def test_story_11_holiday_visits_on_the_phone(page, phone_page, wang, campaign, greeted):
    log_in(phone_page, "wangshenggui", DEMO_PASSWORD)
    phone_page.goto(f"{phone_page.base_url}/services/care/")
    phone_page.get_by_role("link", name=NAME).click()
    visits = phone_page.locator("#visits")
    expect(visits).to_contain_text("王丽")
    expect(visits).to_contain_text("赵秀英")
    others = [
        name
        for name in phone_page.locator("#visits tbody tr td:first-child").all_inner_texts()
        if name not in RELATIVES
    ]

    for relative in RELATIVES:
        mark_visited(phone_page, relative)
    for other in others:  # the village's other families: home for the holiday
        mark_not_needed(phone_page, other)

    expect(phone_page.locator("#progress")).to_have_text("2/2")
    assert CareRecord.objects.filter(campaign=campaign, member=wang).count() == 2
    assert CareCampaign.objects.get(pk=campaign.pk).done_count == 2
    her_file_shows_the_care(page, wang)


def mark_visited(phone_page, relative: str) -> None:
    row = phone_page.locator("#visits tbody tr", has_text=relative)
    row.locator("details:has(form.visit-done) > summary").click()
    row.locator("form.visit-done input[name=description]").fill(f"看望{relative}，送去米面油")
    row.locator("form.visit-done button[type=submit]").click()
    done = phone_page.locator("#visits tbody tr", has_text=relative)
    expect(done).to_have_attribute("data-status", "visited")


def mark_not_needed(phone_page, relative: str) -> None:
    row = phone_page.locator("#visits tbody tr", has_text=relative)
    row.locator("details:has(form.visit-skip) > summary").click()
    row.locator("form.visit-skip input[name=note]").fill("已返乡过节")
    row.locator("form.visit-skip button[type=submit]").click()
    skipped = phone_page.locator("#visits tbody tr", has_text=relative)
    expect(skipped).to_have_attribute("data-status", "not_needed")


def her_file_shows_the_care(page, wang) -> None:
    log_in(page, "wangshenggui", DEMO_PASSWORD)
    page.goto(f"{page.base_url}{wang.get_absolute_url()}")
    care = page.locator("#member-care")
    expect(care.locator("tr.care-entry", has_text="看望王丽")).to_have_count(1)
    expect(care.locator("tr.care-entry", has_text="看望赵秀英")).to_have_count(1)
    greeting = care.locator("tr[data-kind=political_birthday]")
    expect(greeting).to_have_count(1)
    expect(greeting).to_contain_text("12")
