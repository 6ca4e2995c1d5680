"""Error pages a secretary may meet: Chinese, in the app's layout; the API keeps its JSON."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from config.views import server_error
from members.mobility.views import VERIFY_RATE

pytestmark = pytest.mark.django_db

LAYOUT = 'class="topbar"'


def test_a_missing_or_hidden_object_is_a_chinese_404_in_the_layout(client, secretary_a):
    client.force_login(secretary_a)

    response = client.get(reverse("records:detail", args=[999999]))

    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page
    assert LAYOUT in page
    assert "Not Found" not in page


def test_a_refused_page_is_a_chinese_403_in_the_layout(client, viewer_b):
    client.force_login(viewer_b)

    response = client.get(reverse("records:register_inflow"))

    page = response.content.decode()
    assert response.status_code == 403
    assert "无权操作" in page
    assert LAYOUT in page


def test_the_api_keeps_its_json_errors(client, secretary_a):
    client.force_login(secretary_a)

    missing = client.get("/api/v1/records/999999/")
    unknown = client.get("/api/v1/no-such-thing/")

    assert (missing.status_code, missing.json()) == (404, {"detail": "未找到。"})
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "未找到。"})


def test_too_many_letter_checks_are_a_chinese_429_saying_when_to_retry(client):
    cache.clear()
    limit = int(VERIFY_RATE.split("/")[0])
    # The clock stands still: on a slow machine the rate's minute could otherwise turn over
    # between the requests and start the count again.
    with time_machine.travel(
        datetime.datetime(2026, 11, 27, 10, 0, 30, tzinfo=datetime.UTC), tick=False
    ):
        for _ in range(limit):
            client.get(reverse("letter_verify", args=["no-such-code"]))

        response = client.get(reverse("letter_verify", args=["no-such-code"]))

    page = response.content.decode()
    retry_after = int(response["Retry-After"])
    assert response.status_code == 429
    assert 1 <= retry_after <= 60
    assert f"请 {retry_after} 秒后再试" in page
    assert LAYOUT in page
    cache.clear()


def test_a_server_error_renders_without_the_request_context():
    request = RequestFactory().get("/records/1/")  # no user, no session: nothing to lean on

    response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert "系统出错了" in page
    assert LAYOUT in page


def test_an_api_server_error_is_json():
    response = server_error(RequestFactory().get("/api/v1/records/"))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
