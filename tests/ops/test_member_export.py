"""export_member_data: everything held about one member, from every app, without secrets."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from members.files import actions
from tests.factories import make_record
from tests.services.cases.helpers import file_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(tree, member_b1, secretary_b):
    actions.family_member_add(
        actor=secretary_b, member=member_b1, name="肖母", relation="母亲", care_kind="elder"
    )
    make_record(member_b1)
    file_case(secretary_b, tree.town_b, [member_b1])
    out = io.StringIO()
    call_command("export_member_data", member_b1.pk, stdout=out)
    return json.loads(out.getvalue())


def test_the_export_holds_the_file_and_the_rows_of_every_chain(exported):
    assert {
        "members.Member",
        "members.Member history",
        "members.FamilyMember",
        "members.MobileRecord",
        "members.MobileRecord history",
        "services.ServiceCase",
        "services.CaseMember",
    } <= set(exported)


def test_the_export_names_the_member(exported, member_b1):
    assert (exported["members.Member"][0]["name"], exported["members.FamilyMember"][0]["name"]) == (
        "肖双强",
        "肖母",
    )


def test_the_export_shows_the_id_number_masked_and_no_ciphertext(exported, member_b1):
    text = json.dumps(exported, ensure_ascii=False)
    assert (member_b1.id_number_masked in text, member_b1.id_number_encrypted in text) == (
        True,
        False,
    )


def test_the_export_holds_no_hash(exported, member_b1):
    assert member_b1.id_number_hash not in json.dumps(exported)


def test_the_export_file_is_readable_by_its_owner_only(member_b1, tmp_path):
    output = tmp_path / "member.json"
    call_command("export_member_data", member_b1.pk, output=output, stdout=io.StringIO())
    assert oct(output.stat().st_mode & 0o777) == "0o600"


def test_an_unknown_member_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No member with id 999"):
        call_command("export_member_data", 999)
