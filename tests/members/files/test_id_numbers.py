import datetime

import pytest
from django.core.exceptions import ValidationError

from members.files import actions, crypto
from members.files.models import Member
from members.validators import id_check_char, mask_id_number, parse_id_number
from tests.factories import system_user

# 11010519491231002X is the specimen number printed in GB 11643 itself; the others were
# checked by hand with its weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11 → 10X98765432).
VALID = [
    ("11010519491231002X", datetime.date(1949, 12, 31), "F"),
    ("630102198505200019", datetime.date(1985, 5, 20), "M"),
    ("632223199002280022", datetime.date(1990, 2, 28), "F"),
]


@pytest.mark.parametrize(("number", "birth_date", "gender"), VALID)
def test_valid_numbers_give_birth_date_and_gender(number, birth_date, gender):
    parsed = parse_id_number(number)

    assert parsed.birth_date == birth_date
    assert parsed.gender == gender
    assert parsed.region_code == number[:6]


def test_check_digit_x_and_lowercase_are_accepted():
    assert id_check_char("11010519491231002") == "X"
    assert parse_id_number(" 11010519491231002x ").number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "code", "fragment"),
    [
        ("6301021985052000", "id_length", "18"),
        ("6301021985052000191", "id_length", "19"),
        ("63010219850520001A", "id_characters", "数字或X"),
        ("990102198505200012", "id_province", "99"),
        ("630102198505200012", "id_checksum", "校验码"),
        ("630102198502300012", "id_birth_date", "19850230"),
        ("630102209901010012", "id_birth_date", "2099-01-01"),
    ],
)
def test_bad_numbers_say_what_is_wrong(number, code, fragment):
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number(number, today=datetime.date(2026, 11, 26))

    error = excinfo.value.error_list[0]
    assert error.code == code
    assert fragment in str(error.message % (error.params or {}))


def test_masking_keeps_region_and_last_four():
    assert mask_id_number("630102198505200019") == "630102********0019"


def _create(tree, **overrides):
    fields = {
        "name": "王秀玲",
        "id_number": "630102198505200019",
        "joined_party_on": datetime.date(2014, 11, 26),
        "category": "full",
    }
    fields.update(overrides)
    return actions.member_create(actor=system_user(), organization=tree.branch_a1, **fields)


@pytest.mark.django_db
def test_member_file_stores_the_number_encrypted_with_a_keyed_hash(tree):
    member = _create(tree)

    member.refresh_from_db()
    assert member.birth_date == datetime.date(1985, 5, 20)
    assert member.gender == "M"
    assert member.id_number_masked == "630102********0019"
    assert "198505200013" not in member.id_number_encrypted
    assert crypto.decrypt(member.id_number_encrypted) == "630102198505200019"
    assert member.id_number_hash == crypto.keyed_hash("630102198505200019")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "630102198505200012"}, "id_number"),
        ({"id_number": "63010219850520001"}, "id_number"),
        ({"id_number": "630102198502300012"}, "id_number"),
        ({"birth_date": datetime.date(1985, 5, 21)}, "birth_date"),
        ({"gender": "F"}, "gender"),
        ({"phone": "12345"}, "phone"),
        ({"joined_party_on": datetime.date(2000, 1, 1)}, "joined_party_on"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(tree, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        _create(tree, **overrides)

    assert field in excinfo.value.message_dict
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_duplicate_id_number_and_phone_are_reported(tree):
    _create(tree, phone="13909710001")

    with pytest.raises(ValidationError) as excinfo:
        _create(tree, phone="13909710002")
    assert "id_number" in excinfo.value.message_dict

    with pytest.raises(ValidationError) as excinfo:
        _create(tree, id_number="630102199001010013", phone="13909710001")
    assert "phone" in excinfo.value.message_dict
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_reveal_is_logged_and_limited_to_writers(
    tree, member_a1, secretary_a, viewer_b, secretary_b
):
    from django.core.exceptions import PermissionDenied

    number = actions.member_reveal_id_number(actor=secretary_a, member=member_a1, reason="核对身份")

    assert number == crypto.decrypt(member_a1.id_number_encrypted)
    reveal = member_a1.id_reveals.get()
    assert (reveal.user, reveal.reason) == (secretary_a, "核对身份")
    for actor in (viewer_b, secretary_b):
        with pytest.raises(PermissionDenied):
            actions.member_reveal_id_number(actor=actor, member=member_a1, reason="x")
    assert member_a1.id_reveals.count() == 1
