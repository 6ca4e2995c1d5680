import pytest
from django.contrib.auth import SESSION_KEY

pytestmark = pytest.mark.django_db

WRONG = {"username": "mahuiyan", "password": "not-the-password"}
RIGHT = {"username": "mahuiyan", "password": "Sanlian-2026"}


def _fail(client, url: str, times: int, **extra) -> list[int]:
    return [client.post(url, WRONG, **extra).status_code for _ in range(times)]


def test_the_fifth_failure_in_a_row_locks(client, secretary_a):
    assert _fail(client, "/login/", 5) == [200, 200, 200, 200, 429]


def test_four_failures_then_the_right_password_signs_in(client, secretary_a):
    _fail(client, "/login/", 4)

    response = client.post("/login/", RIGHT)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(secretary_a.pk)


def test_five_failures_lock_the_account_even_for_the_right_password(client, secretary_a):
    _fail(client, "/login/", 5)

    response = client.post("/login/", RIGHT)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_page_says_when_to_try_again(client, secretary_a):
    _fail(client, "/login/", 5)

    response = client.post("/login/", RIGHT)

    assert response["Retry-After"] == "1800"
    assert "30" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_the_account_is_locked_from_another_client_too(client, secretary_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _fail(client, "/login/", 5, HTTP_X_FORWARDED_FOR="203.0.113.5")

    response = client.post("/login/", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert response.status_code == 429


def test_the_client_is_locked_for_other_accounts_too(client, secretary_a, secretary_b):
    _fail(client, "/login/", 5)

    response = client.post("/login/", {"username": "liudehua", "password": "Sanlian-2026"})

    assert response.status_code == 429


def test_the_lock_ends_after_thirty_minutes(client, secretary_a):
    import time_machine

    with time_machine.travel("2026-11-26 10:00 +0800", tick=False) as clock:
        _fail(client, "/login/", 5)
        clock.shift(31 * 60)

        response = client.post("/login/", RIGHT)

    assert response.status_code == 302


def test_the_admin_login_locks_too(client, secretary_a):
    _fail(client, "/admin/login/", 5)

    response = client.post("/admin/login/", RIGHT)

    assert response.status_code == 429


def test_failures_behind_a_proxy_lock_the_client_not_the_proxy(client, secretary_b, settings):
    """Another address behind the same proxy still signs in: axes keys on ``client_ip``."""
    settings.TRUSTED_PROXY_COUNT = 1
    for name in ("a1", "a2", "a3", "a4", "a5"):
        client.post(
            "/login/", {"username": name, "password": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.5"
        )

    locked = client.post(
        "/login/",
        {"username": "liudehua", "password": "Sanlian-2026"},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    other = client.post(
        "/login/",
        {"username": "liudehua", "password": "Sanlian-2026"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert locked.status_code == 429
    assert other.status_code == 302


def test_force_login_is_untouched_by_the_lockout(client, secretary_a):
    _fail(client, "/login/", 5)

    client.force_login(secretary_a)

    assert client.get("/").status_code == 200
