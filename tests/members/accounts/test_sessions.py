import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel("2026-11-26 08:00 +0800", tick=False) as traveller:
        yield traveller


def test_a_session_idle_for_thirty_minutes_ends(client, secretary_a, clock):
    client.force_login(secretary_a)
    client.get("/")
    clock.shift(31 * 60)

    response = client.get("/")

    assert response["Location"].startswith("/login/")
    assert SESSION_KEY not in client.session


def test_a_session_used_within_thirty_minutes_goes_on(client, secretary_a, clock):
    client.force_login(secretary_a)
    client.get("/")
    clock.shift(29 * 60)

    assert client.get("/").status_code == 200


def test_a_busy_session_ends_twelve_hours_after_sign_in(client, secretary_a, clock):
    client.force_login(secretary_a)
    client.get("/")
    for _ in range(12 * 3):  # a visit every 20 minutes for 12 hours
        clock.shift(20 * 60)
        assert client.get("/").status_code == 200

    clock.shift(20 * 60)

    assert client.get("/")["Location"].startswith("/login/")


def test_the_session_cookie_is_httponly_and_samesite_lax(client, secretary_a):
    client.post("/login/", {"username": "mahuiyan", "password": "Sanlian-2026"})

    cookie = client.cookies["sessionid"]

    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_csrf_cookie_is_httponly(client):
    client.get("/login/")

    assert client.cookies["csrftoken"]["httponly"] is True


def test_the_first_page_after_signing_in_writes_no_session(client, secretary_a):
    client.force_login(secretary_a)

    with CaptureQueriesContext(connection) as captured:
        client.get("/")

    writes = [q["sql"] for q in captured if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert [sql for sql in writes if "django_session" in sql] == []
