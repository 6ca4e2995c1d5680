"""A secretary on a 375-px phone: the unread messages show without opening the menu, the
attendance sheet's controls are big enough to tap, and the site has its icon."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.orglife.actions import activity_create
from members.outbox.models import Notification
from tests.e2e.conftest import log_in
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unread_messages_show_beside_the_menu_button(phone_page, secretary_a):
    Notification.objects.create(
        kind="birthday_digest",
        channel="inbox",
        recipient_user=secretary_a,
        occasion="day-1",
        text="今天有1名党员过政治生日",
        status="sent",
    )
    log_in(phone_page, "mahuiyan", "Sanlian-2026")

    expect(phone_page.locator(".nav")).to_be_hidden()
    expect(phone_page.locator("#inbox-unread")).to_be_visible()
    expect(phone_page.locator("#inbox-unread")).to_have_text("1")


def test_attendance_controls_are_big_enough_to_tap(phone_page, tree, secretary_a):
    make_member(tree.branch_a1, name="王秀玲")
    activity = activity_create(
        actor=secretary_a,
        organization=tree.branch_a1,
        kind="theme_day",
        title="三月主题党日",
        held_at=timezone.now() - datetime.timedelta(days=1),
    )
    log_in(phone_page, "mahuiyan", "Sanlian-2026")

    phone_page.goto(f"{phone_page.base_url}{activity.get_absolute_url()}")

    box = phone_page.locator("#attendance-sheet select").first.bounding_box()
    assert box["height"] >= 44
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_site_icon_is_served(phone_page, db):
    response = phone_page.request.get(f"{phone_page.base_url}/favicon.ico")

    assert response.status == 200
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
