"""The client address behind the documented number of trusted proxies."""

from django.test import RequestFactory, override_settings

from members.web import client_ip


def _request(forwarded: str = "") -> object:
    meta = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_proxy_the_forwarded_header_is_ignored():
    assert client_ip(_request("1.2.3.4")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    assert client_ip(_request("6.6.6.6, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_entry_the_outer_one_added_is_the_client():
    assert client_ip(_request("6.6.6.6, 203.0.113.9, 10.0.0.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_missing_header_behind_a_proxy_falls_back_to_the_peer():
    assert client_ip(_request()) == "10.0.0.2"
