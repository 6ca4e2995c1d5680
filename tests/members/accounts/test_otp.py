import base64

import pytest
from django.test import Client

from tests.factories import totp_code, totp_device

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified(staff):
    """A staff user signed in with the password only (Django's plain test client)."""
    client = Client()
    client.force_login(staff)
    return client


def test_staff_without_a_device_are_led_from_the_admin_to_the_setup(unverified):
    response = unverified.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/account/two-factor/setup/")
    assert response.status_code == 200


def test_the_setup_page_shows_a_local_qr_code_and_the_key(unverified, staff):
    page = unverified.get("/account/two-factor/setup/").content.decode()
    device = staff.totpdevice_set.get()

    assert "<svg" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert base64.b32encode(device.bin_key).decode() in page
    assert device.confirmed is False


def test_a_valid_code_confirms_the_device_and_opens_the_admin(unverified, staff):
    unverified.get("/account/two-factor/setup/")
    device = staff.totpdevice_set.get()

    response = unverified.post(
        "/account/two-factor/setup/?next=/admin/", {"otp_token": totp_code(device)}
    )

    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert unverified.get("/admin/").status_code == 200


def test_a_wrong_code_leaves_the_admin_closed(unverified, staff):
    unverified.get("/account/two-factor/setup/")
    device = staff.totpdevice_set.get()

    response = unverified.post(
        "/account/two-factor/setup/", {"otp_token": totp_code(device, offset=10)}
    )

    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False
    assert unverified.get("/admin/")["Location"].startswith("/admin/login/")


def test_staff_with_a_device_are_asked_for_the_code(unverified, staff):
    totp_device(staff)

    response = unverified.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/account/two-factor/?")


def test_the_code_step_opens_the_admin_with_a_valid_code(unverified, staff):
    device = totp_device(staff)

    response = unverified.post("/account/two-factor/", {"otp_token": totp_code(device)})

    assert response["Location"] == "/admin/"
    assert unverified.get("/admin/").status_code == 200


def test_the_code_step_refuses_a_wrong_code(unverified, staff):
    device = totp_device(staff)

    response = unverified.post("/account/two-factor/", {"otp_token": totp_code(device, offset=10)})

    assert response.status_code == 200
    assert unverified.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_user_with_a_device_cannot_add_another(unverified, staff):
    totp_device(staff)

    response = unverified.get("/account/two-factor/setup/")

    assert response["Location"].startswith("/account/two-factor/?")
    assert staff.totpdevice_set.count() == 1


def test_non_staff_have_no_two_factor_pages(client, secretary_b):
    client.force_login(secretary_b)

    assert client.get("/account/two-factor/setup/").status_code == 403


def test_the_shared_test_client_signs_staff_in_verified(client, staff):
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200
