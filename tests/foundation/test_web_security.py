"""Security headers: Content-Security-Policy and Permissions-Policy."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
# Markup the policy refuses: an inline script, an event attribute, a javascript: URL, a style.
REFUSED = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+=|javascript:|\sstyle=|<style", re.I)


def _policy(response) -> dict[str, str]:
    parts = response["Content-Security-Policy"].split(";")
    return dict(part.strip().split(" ", 1) for part in parts)


@pytest.mark.parametrize("path", ["/login/", "/healthz", "/no-such-page/"])
def test_our_pages_send_the_strict_policy(client, path):
    assert _policy(client.get(path)) == STRICT


@pytest.mark.parametrize("path", ["/admin/login/", "/api/v1/docs/"])
def test_the_admin_and_api_pages_allow_inline_styles_only(client, path):
    assert _policy(client.get(path)) == STRICT | {"style-src": "'self' 'unsafe-inline'"}


def test_every_response_turns_device_features_off(client):
    header = client.get("/login/")["Permissions-Policy"]

    features = dict(item.split("=") for item in header.split(", "))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features)
    assert set(features.values()) == {"()"}


def test_no_template_has_inline_script_handler_or_style():
    templates = Path(settings.BASE_DIR, "templates").rglob("*.html")

    offending = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group()}"
        for path in templates
        for match in REFUSED.finditer(path.read_text())
    ]
    assert offending == []
