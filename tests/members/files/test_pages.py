"""Who may see, change and reveal what on the member pages: 200/302, 403 or 404, exactly."""

import pytest
from django.urls import reverse

from members.files import actions
from members.files.models import FamilyMember, IdNumberReveal
from tests.factories import system_user

pytestmark = pytest.mark.django_db

PERSONAS = ["secretary_a", "secretary_b", "officer_a1", "viewer_b", "outsider", "superuser"]
# What each persona may do with the member (and organisation) of branch A1 and of branch B1.
ACCESS = {
    "secretary_a": {"a1": "write", "b1": None},
    "secretary_b": {"a1": None, "b1": "write"},
    "officer_a1": {"a1": "write", "b1": None},
    "viewer_b": {"a1": None, "b1": "read"},
    "outsider": {"a1": None, "b1": None},
    "superuser": {"a1": "write", "b1": "write"},
}
SEE = {"write": 200, "read": 200, None: 404}
CHANGE = {"write": 302, "read": 403, None: 404}
CASES = [(persona, side) for persona in PERSONAS for side in ("a1", "b1")]


@pytest.fixture
def members(member_a1, member_b1):
    return {"a1": member_a1, "b1": member_b1}


def _client(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    return client


def member_form_data(member, **changes) -> dict:
    data = {
        "name": member.name,
        "id_number": "",
        "gender": member.gender,
        "birth_date": member.birth_date.isoformat(),
        "ethnicity": member.ethnicity,
        "phone": member.phone,
        "education": member.education,
        "household_address": member.household_address,
        "organization": member.organization_id,
        "category": member.category,
        "status": member.status,
        "joined_party_on": member.joined_party_on.isoformat(),
        "full_member_on": "",
        "skills": "、".join(member.skills),
        "notes": member.notes,
    }
    return data | changes


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_member_page_is_shown_only_inside_the_scope(client, request, members, persona, side):
    response = _client(client, request, persona).get(members[side].get_absolute_url())

    assert response.status_code == SEE[ACCESS[persona][side]]


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_edit_page_needs_write_access(client, request, members, persona, side):
    url = reverse("members:member_edit", args=[members[side].pk])

    response = _client(client, request, persona).get(url)

    assert response.status_code == {"write": 200, "read": 403, None: 404}[ACCESS[persona][side]]


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_saving_an_edit_needs_write_access(client, request, members, persona, side):
    member = members[side]
    url = reverse("members:member_edit", args=[member.pk])

    response = _client(client, request, persona).post(url, member_form_data(member, notes="已核实"))

    access = ACCESS[persona][side]
    assert response.status_code == CHANGE[access]
    member.refresh_from_db()
    assert (member.notes == "已核实") is (access == "write")


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_revealing_the_id_number_needs_write_access(client, request, members, persona, side):
    url = reverse("members:member_reveal_id", args=[members[side].pk])

    response = _client(client, request, persona).post(url, {"reason": "办理转接手续"})

    access = ACCESS[persona][side]
    assert response.status_code == {"write": 200, "read": 403, None: 404}[access]
    assert IdNumberReveal.objects.filter(member=members[side]).exists() is (access == "write")


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_adding_family_needs_write_access(client, request, members, persona, side):
    url = reverse("members:family_add", args=[members[side].pk])
    data = {"name": "张母", "relation": "母亲", "age": "72", "care_kind": "elder"}

    response = _client(client, request, persona).post(url, data)

    access = ACCESS[persona][side]
    assert response.status_code == CHANGE[access]
    assert members[side].family.exists() is (access == "write")


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_removing_family_needs_write_access(client, request, members, persona, side):
    relative = actions.family_member_add(
        actor=system_user(), member=members[side], name="张母", relation="母亲", care_kind="elder"
    )
    url = reverse("members:family_remove", args=[members[side].pk, relative.pk])

    response = _client(client, request, persona).post(url)

    access = ACCESS[persona][side]
    assert response.status_code == CHANGE[access]
    assert FamilyMember.objects.filter(pk=relative.pk).exists() is (access != "write")


@pytest.mark.parametrize(("persona", "side"), CASES)
def test_organisation_page_is_shown_only_inside_the_scope(client, request, tree, persona, side):
    organization = {"a1": tree.branch_a1, "b1": tree.branch_b1}[side]

    response = _client(client, request, persona).get(organization.get_absolute_url())

    assert response.status_code == SEE[ACCESS[persona][side]]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("secretary_a", 404), ("viewer_b", 404), ("outsider", 404), ("superuser", 200)],
)
def test_organisations_above_the_scope_are_hidden(client, request, tree, persona, status):
    response = _client(client, request, persona).get(tree.city.get_absolute_url())

    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretary_a", 200),
        ("secretary_b", 200),
        ("officer_a1", 200),
        ("viewer_b", 403),
        ("outsider", 403),
        ("superuser", 200),
    ],
)
def test_create_page_needs_a_write_role(client, request, tree, persona, status):
    response = _client(client, request, persona).get(reverse("members:member_create"))

    assert response.status_code == status


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_exactly_the_members_in_scope(client, request, members, persona):
    response = _client(client, request, persona).get(reverse("members:member_list"))

    assert response.status_code == 200
    shown = {member.name for member in response.context["page"].items}
    expected = {m.name for side, m in members.items() if ACCESS[persona][side] is not None}
    assert shown == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_tree_page_opens_for_everyone_signed_in(client, request, tree, persona):
    response = _client(client, request, persona).get(reverse("organizations:tree"))

    assert response.status_code == 200


def test_a_member_cannot_be_moved_into_another_scope(client, secretary_a, member_a1, tree):
    client.force_login(secretary_a)
    url = reverse("members:member_edit", args=[member_a1.pk])

    response = client.post(url, member_form_data(member_a1, organization=tree.branch_b1.pk))

    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    member_a1.refresh_from_db()
    assert member_a1.organization == tree.branch_a1


@pytest.mark.parametrize(
    "url",
    [
        reverse("members:member_list"),
        reverse("members:member_create"),
        reverse("organizations:tree"),
        reverse("members:member_detail", args=[1]),
        reverse("organizations:detail", args=[1]),
    ],
)
def test_pages_need_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["member_reveal_id", "family_add"])
def test_writes_refuse_get(client, secretary_a, member_a1, name):
    client.force_login(secretary_a)

    response = client.get(reverse(f"members:{name}", args=[member_a1.pk]))

    assert response.status_code == 405
