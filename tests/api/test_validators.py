"""The ID validator: what Chinese input methods type is normalised, anything odd is a
ValidationError (never a ValueError), in the validator, the member form and the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from members.demo.samples import fake_id_number, fake_mobile
from members.files.models import Member
from members.validators import normalize_id_number, parse_id_number

VALID = "532924199003071223"  # 云南 region code, born 1990-03-07, check digit 3
FULL_WIDTH = "".join(chr(0xFF10 + int(c)) for c in VALID)  # ５３２９２４…
VALID_X = "63010219850601009X"  # 西宁城东区, born 1985-06-01, check character X


def test_fixture_numbers_are_valid():
    assert parse_id_number(VALID).number == VALID


def test_full_width_digits_are_normalised_to_ascii():
    assert parse_id_number(FULL_WIDTH).number == VALID


@pytest.mark.parametrize("x", ["Ｘ", "ｘ", "x"])
def test_full_width_and_lower_case_x_are_read_as_x(x):
    assert parse_id_number(VALID_X[:-1] + x).number == VALID_X


def test_full_width_spaces_are_dropped():
    assert normalize_id_number("５３２９２４\u3000199003071223") == VALID


@pytest.mark.parametrize(
    "value",
    [
        "510824199902026²3X",  # a superscript two
        "51082419990202٦23X",  # an Arabic-Indic six
        "\x00",
        "5108241999020262\x003",
        "５３２９２４１９９００３０７１２２³",
    ],
)
def test_odd_characters_raise_a_validation_error(value):
    with pytest.raises(ValidationError) as raised:
        parse_id_number(value)

    assert raised.value.code in {"id_characters", "id_length"}


def _payload(organization, id_number: str) -> dict:
    return {
        "name": "王秀玲",
        "id_number": id_number,
        "phone": fake_mobile(901),
        "joined_party_on": "2014-07-01",
        "category": "full",
        "organization": organization.pk,
    }


@pytest.mark.django_db
def test_api_refuses_a_superscript_digit_with_a_field_error(tree, secretary_a):
    client = APIClient()
    client.force_authenticate(secretary_a)

    response = client.post("/api/v1/members/", _payload(tree.branch_a1, "510824199902026²3X"))

    assert response.status_code == 400
    assert set(response.data) == {"id_number"}
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_api_refuses_a_superscript_digit_on_patch(tree, secretary_a, member_a1):
    client = APIClient()
    client.force_authenticate(secretary_a)

    response = client.patch(
        f"/api/v1/members/{member_a1.pk}/", {"id_number": "510824199902026²3X"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.data) == {"id_number"}


@pytest.mark.django_db
def test_api_accepts_full_width_digits(tree, secretary_a):
    client = APIClient()
    client.force_authenticate(secretary_a)
    number = fake_id_number("630102", datetime.date(1990, 4, 12), 900, "F")
    wide = "".join(chr(0xFF10 + int(c)) if c.isdigit() else "Ｘ" for c in number)

    response = client.post("/api/v1/members/", _payload(tree.branch_a1, wide), format="json")

    assert response.status_code == 201
    assert response.data["id_number_masked"] == f"{number[:6]}********{number[-4:]}"
