"""Two clients behind one proxy (the same REMOTE_ADDR, different X-Forwarded-For with
TRUSTED_PROXY_COUNT=1) are counted apart by the pages' rate limits, which answer 429."""

import pytest

pytestmark = pytest.mark.django_db

FIRST, SECOND = "203.0.113.5", "198.51.100.7"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_the_login_form_counts_each_client_apart(client, settings):
    settings.LOGIN_RATE = "3/m"
    form = {"username": "nobody", "password": "x"}
    for _ in range(3):
        client.post("/login/", form, HTTP_X_FORWARDED_FOR=FIRST)

    again = client.post("/login/", form, HTTP_X_FORWARDED_FOR=FIRST)
    other = client.post("/login/", form, HTTP_X_FORWARDED_FOR=SECOND)

    assert again.status_code == 429
    assert other.status_code == 200


def test_the_letter_verification_counts_each_client_apart(client):
    for _ in range(20):
        client.get("/verify/no-such-code/", HTTP_X_FORWARDED_FOR=FIRST)

    again = client.get("/verify/no-such-code/", HTTP_X_FORWARDED_FOR=FIRST)
    other = client.get("/verify/no-such-code/", HTTP_X_FORWARDED_FOR=SECOND)

    assert again.status_code == 429
    assert other.status_code == 404


def test_member_links_count_each_client_apart(client):
    for _ in range(30):
        client.get("/m/no-such-token/", HTTP_X_FORWARDED_FOR=FIRST)

    again = client.get("/m/no-such-token/", HTTP_X_FORWARDED_FOR=FIRST)
    other = client.get("/m/no-such-token/", HTTP_X_FORWARDED_FOR=SECOND)

    assert again.status_code == 429
    assert other.status_code == 404
