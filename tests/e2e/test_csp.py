"""The Content-Security-Policy blocks nothing the pages need: no inline script, handler or
style on our pages; the admin, the API's browsable pages and the Swagger page work under it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/members/",
    "/records/",
    "/management/warnings/",
    "/orglife/messages/",
    "/education/plans/new/",
    "/services/cases/new/",
    "/account/password/",
    "/account/api-token/",
]
ADMIN_PAGES = [
    "/admin/",
    "/admin/members/member/",
    "/admin/members/organization/",
    "/admin/members/user/add/",
    "/api/v1/members/",
    "/api/v1/docs-split/",
]


@pytest.fixture
def refusals(page):
    """What the browser refused under the policy (Chromium reports each on the console)."""
    refused = []

    def heard(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", heard)
    return refused


def test_our_pages_run_without_a_refusal(page, refusals, secretary_a, member_a1):
    log_in(page, "mahuiyan", "Sanlian-2026")
    for path in [*PAGES, member_a1.get_absolute_url()]:
        page.goto(f"{page.base_url}{path}")
        page.wait_for_load_state("networkidle")

    assert refusals == []


def test_a_list_filter_sends_its_form_when_changed(page, refusals, secretary_a):
    log_in(page, "mahuiyan", "Sanlian-2026")
    page.goto(f"{page.base_url}/records/")

    page.select_option("select[name=status]", index=1)

    expect(page).to_have_url(re.compile(r"[?&]status=\w"))
    assert refusals == []


def test_the_hours_bar_is_drawn_without_inline_styles(page, refusals, secretary_a, member_a1):
    log_in(page, "mahuiyan", "Sanlian-2026")
    page.goto(f"{page.base_url}{member_a1.get_absolute_url()}")

    bar = page.locator(".hours-bar").first
    expect(bar).to_be_visible()
    assert bar.bounding_box()["width"] > 100
    assert refusals == []


def test_the_second_factor_setup_shows_its_qr_code(page, refusals, tree):
    UserFactory(username="staffer", is_staff=True)
    log_in(page, "staffer", "Sanlian-2026")
    page.goto(f"{page.base_url}/account/two-factor/setup/")

    expect(page.locator("svg.segno")).to_be_visible()
    assert refusals == []


def test_the_admin_and_the_swagger_page_work_under_the_policy(
    page, refusals, client, superuser, settings
):
    settings.ROOT_URLCONF = "tests.e2e.csp_urls"
    client.force_login(superuser)  # verified with a TOTP device, as after the code step
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.base_url}]
    )
    for path in ADMIN_PAGES:
        page.goto(f"{page.base_url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.url == f"{page.base_url}{path}"

    expect(page.locator(".swagger-ui .info")).to_be_visible()
    assert refusals == []
