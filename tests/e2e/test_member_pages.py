import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_finds_a_member_by_pinyin_initials_on_a_phone(phone_page, secretary_a, tree):
    make_member(tree.branch_a1, name="王秀玲", gender="F", birth_date=datetime.date(1990, 4, 8))
    make_member(tree.branch_a1, name="张善强")
    log_in(phone_page, "mahuiyan", "Sanlian-2026")

    phone_page.goto(f"{phone_page.base_url}/members/")
    phone_page.fill("#id_q", "wxl")
    phone_page.click("#member-filters button[type=submit]")

    results = phone_page.locator("#member-list a.member-name")
    expect(results).to_have_text(["王秀玲"])
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    results.first.click()
    expect(phone_page.locator("h1")).to_contain_text("王秀玲")
    expect(phone_page.locator("#id-number")).to_have_text(re.compile(r"^630102\*{8}\d{3}[\dX]$"))
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the member page must not scroll sideways on a 375-px phone"
