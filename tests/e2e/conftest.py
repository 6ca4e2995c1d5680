"""Browser fixtures: Playwright driving Debian's Chromium (Playwright's own download is unused)."""

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium (or CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it; a missing browser there is a failure
        pytest.skip(message)

    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by the
    # test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto(f"{page.base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def pick_region(page, field_id: str, province: str, city: str, code: str) -> None:
    """The region picker (region-picker.js): province, then city, then the county's code."""
    page.select_option(f"#{field_id}_province", label=province)
    page.select_option(f"#{field_id}_city", label=city)
    page.select_option(f"#{field_id}", code)


def organization_picker_ready(page, field_id: str):
    """The search box of an organisation picker, once its script listens (deferred scripts
    may still be running when the page's heading shows; typing earlier searches nothing)."""
    search = page.locator(f"#{field_id}")
    expect(page.locator(f"[data-org-picker-ready]:has(#{field_id})")).to_have_count(1)
    return search


def pick_organization(page, field_id: str, typed: str, name: str) -> None:
    """The organisation picker: type part of the name, tap the answer."""
    organization_picker_ready(page, field_id).fill(typed)
    option = page.get_by_role("listbox").get_by_role("option", name=re.compile(f"^{name}"))
    option.first.click()
