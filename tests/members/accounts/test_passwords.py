import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from members.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_password_of_eleven_characters_is_refused(secretary_a):
    with pytest.raises(ValidationError):
        validate_password("Qz7#mWx2!pL", user=secretary_a)


def test_a_common_password_of_twelve_characters_is_refused(secretary_a):
    with pytest.raises(ValidationError):
        validate_password("password1234", user=secretary_a)


def test_the_demo_and_test_passwords_pass_the_validators(secretary_a):
    validate_password(DEMO_PASSWORD, user=secretary_a)
    validate_password("Sanlian-2026", user=secretary_a)


def test_a_signed_in_user_changes_their_password(client, secretary_a):
    client.force_login(secretary_a)

    response = client.post(
        "/account/password/",
        {
            "old_password": "Sanlian-2026",
            "new_password1": "Qinghai-Lake-77",
            "new_password2": "Qinghai-Lake-77",
        },
    )

    assert response["Location"] == "/account/password/done/"
    secretary_a.refresh_from_db()
    assert secretary_a.check_password("Qinghai-Lake-77")


def test_a_short_new_password_is_refused_on_the_form(client, secretary_a):
    client.force_login(secretary_a)

    response = client.post(
        "/account/password/",
        {"old_password": "Sanlian-2026", "new_password1": "Qz7#mW", "new_password2": "Qz7#mW"},
    )

    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors


def test_the_user_menu_links_to_the_password_page(client, secretary_a):
    client.force_login(secretary_a)

    assert 'href="/account/password/"' in client.get("/").content.decode()


def test_the_password_page_needs_a_signed_in_user(client):
    assert client.get("/account/password/")["Location"].startswith("/login/")
