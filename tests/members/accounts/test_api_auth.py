import base64

import pytest
from rest_framework.authtoken.models import Token

from members.accounts import api

pytestmark = pytest.mark.django_db

URL = "/api/v1/members/"


def test_basic_authentication_is_not_accepted(client, secretary_a):
    credentials = base64.b64encode(b"mahuiyan:Sanlian-2026").decode()

    response = client.get(URL, HTTP_AUTHORIZATION=f"Basic {credentials}")

    assert response.status_code == 403


def test_a_token_issued_on_the_page_authenticates_the_api(client, secretary_a):
    client.force_login(secretary_a)
    client.post("/account/api-token/issue/")
    key = Token.objects.get(user=secretary_a).key

    page = client.get("/account/api-token/").content.decode()
    response = client.__class__().get(URL, HTTP_AUTHORIZATION=f"Token {key}")

    assert key in page
    assert response.status_code == 200


def test_the_key_is_shown_only_once(client, secretary_a):
    client.force_login(secretary_a)
    client.post("/account/api-token/issue/")
    client.get("/account/api-token/")
    key = Token.objects.get(user=secretary_a).key

    assert key not in client.get("/account/api-token/").content.decode()


def test_a_revoked_token_no_longer_works(client, secretary_a):
    client.force_login(secretary_a)
    client.post("/account/api-token/issue/")
    key = Token.objects.get(user=secretary_a).key

    client.post("/account/api-token/revoke/")
    response = client.__class__().get(URL, HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 403


def test_a_new_token_replaces_the_old_one(client, secretary_a):
    client.force_login(secretary_a)
    client.post("/account/api-token/issue/")
    old = Token.objects.get(user=secretary_a).key

    client.post("/account/api-token/issue/")

    assert Token.objects.filter(key=old).exists() is False


def test_issuing_tokens_is_limited(client, secretary_a, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token": "2/h"}
    client.force_login(secretary_a)
    answers = [client.post("/account/api-token/issue/").status_code for _ in range(3)]

    assert answers == [302, 302, 429]


def test_the_admin_can_revoke_any_token(client, superuser, secretary_a):
    token = Token.objects.create(user=secretary_a)
    client.force_login(superuser)

    client.post(f"/admin/authtoken/tokenproxy/{secretary_a.pk}/delete/", {"post": "yes"})

    assert Token.objects.filter(pk=token.pk).exists() is False


def test_signed_in_users_are_throttled(client, secretary_a, monkeypatch):
    monkeypatch.setattr(api.UserRateThrottle, "THROTTLE_RATES", {"user": "2/min"})
    client.force_login(secretary_a)

    answers = [client.get(URL).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_signed_in_users_are_told_in_chinese_when_to_come_back(client, secretary_a, monkeypatch):
    monkeypatch.setattr(api.UserRateThrottle, "THROTTLE_RATES", {"user": "1/min"})
    client.force_login(secretary_a)
    client.get(URL)

    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 429
    assert response.json()["detail"].startswith("请求已被限流")


def _anonymous(forwarded_for: str):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from rest_framework.request import Request

    request = Request(RequestFactory().get(URL, HTTP_X_FORWARDED_FOR=forwarded_for))
    request.user = AnonymousUser()
    return request


def test_anonymous_clients_behind_one_proxy_are_throttled_apart(monkeypatch, settings):
    """The API's anonymous rate (reached only on public operations: others answer 403 before
    the throttle) counts each client behind the proxy on its own."""
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(api.AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/min"})
    api.AnonRateThrottle().allow_request(_anonymous("203.0.113.5"), None)

    again = api.AnonRateThrottle().allow_request(_anonymous("203.0.113.5"), None)
    other = api.AnonRateThrottle().allow_request(_anonymous("198.51.100.7"), None)

    assert again is False
    assert other is True
