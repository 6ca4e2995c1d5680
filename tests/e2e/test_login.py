import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_logs_in_on_a_phone(phone_page, django_user_model):
    django_user_model.objects.create_user(
        username="mahuiyan", password="Sanlian-2026", full_name="马慧艳"
    )

    log_in(phone_page, "mahuiyan", "Sanlian-2026")

    expect(phone_page.locator("h1")).to_contain_text("马慧艳")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the layout must not scroll sideways on a 375-px phone"
    phone_page.click("label.nav-toggle-label")
    expect(phone_page.get_by_role("button", name="退出")).to_be_visible()


def test_wrong_password_shows_an_error(page, django_user_model):
    django_user_model.objects.create_user(username="mahuiyan", password="Sanlian-2026")

    log_in(page, "mahuiyan", "wrong")

    expect(page.locator(".errors")).to_be_visible()
    assert page.url.endswith("/login/")
