import datetime
import json

import pytest

from members.demo.samples import fake_id_number, fake_mobile
from members.files import crypto
from members.files.models import FamilyMember, IdNumberReveal, Member
from members.organizations.models import Organization
from tests.factories import make_member
from tests.members.admin_staff import PERSONAS, admin_client

pytestmark = pytest.mark.django_db

WRITERS = {"secretary_a", "secretary_b", "officer_a1", "superuser"}
MEMBERS_SEEN = {
    "secretary_a": {"member_town_a", "member_a1"},
    "secretary_b": {"member_b1"},
    "officer_a1": {"member_a1"},
    "viewer_b": {"member_b1"},
    "outsider": set(),
    "superuser": {"member_town_a", "member_a1", "member_b1"},
}


@pytest.fixture
def member_town_a(tree):
    return make_member(tree.town_a, name="廖宏伟")


@pytest.fixture
def files(member_town_a, member_a1, member_b1):
    return {"member_town_a": member_town_a, "member_a1": member_a1, "member_b1": member_b1}


def plain_id(member: Member) -> str:
    return crypto.decrypt(Member.objects.get(pk=member.pk).id_number_encrypted)


def member_form(member: Member, **changes) -> dict:
    data = {
        "name": member.name,
        "id_number": "",
        "gender": member.gender,
        "birth_date": member.birth_date.isoformat(),
        "ethnicity": member.ethnicity,
        "phone": member.phone,
        "education": member.education,
        "household_address": member.household_address,
        "joined_party_on": member.joined_party_on.isoformat(),
        "full_member_on": "",
        "category": member.category,
        "organization": member.organization_id,
        "skills": json.dumps(member.skills),
        "status": member.status,
        "notes": member.notes,
        **family_management(0),
    }
    return data | changes


def family_management(total: int, initial: int = 0) -> dict:
    return {
        "family-TOTAL_FORMS": str(total),
        "family-INITIAL_FORMS": str(initial),
        "family-MIN_NUM_FORMS": "0",
        "family-MAX_NUM_FORMS": "1000",
    }


def new_member_form(where: Organization, **changes) -> dict:
    birth_date = datetime.date(1988, 8, 8)
    data = {
        "name": "曹忠海",
        "id_number": fake_id_number(where.region_code, birth_date, 801, "M"),
        "gender": "",
        "birth_date": "",
        "ethnicity": "汉族",
        "phone": fake_mobile(801),
        "education": "",
        "household_address": "",
        "joined_party_on": "2012-06-30",
        "full_member_on": "",
        "category": "full",
        "organization": where.pk,
        "skills": "[]",
        "status": "active",
        "notes": "",
        **family_management(0),
    }
    return data | changes


# --- Member changelist and change page: permission matrix ------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_changelist_lists_only_the_subtree(request, client, files, persona):
    client = admin_client(request, client, persona)

    response = client.get("/admin/members/member/")

    assert response.status_code == 200
    listed = {obj.pk for obj in response.context["cl"].result_list}
    assert listed == {files[key].pk for key in MEMBERS_SEEN[persona]}
    for key, member in files.items():
        assert (member.name in response.content.decode()) == (key in MEMBERS_SEEN[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_change_page_matrix(request, client, files, persona):
    client = admin_client(request, client, persona)

    for key, member in files.items():
        response = client.get(f"/admin/members/member/{member.pk}/change/")
        if key not in MEMBERS_SEEN[persona]:
            # The admin's answer for an object it cannot find: back to the index.
            assert response.status_code == 302, key
            assert response["Location"] == "/admin/"
            continue
        assert response.status_code == 200, key
        assert (b'name="_save"' in response.content) == (persona in WRITERS), key


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_change_post_matrix(request, client, files, persona):
    client = admin_client(request, client, persona)

    for key, member in files.items():
        response = client.post(
            f"/admin/members/member/{member.pk}/change/", member_form(member, notes="已核实")
        )
        saved = Member.objects.get(pk=member.pk).notes == "已核实"
        if key not in MEMBERS_SEEN[persona]:
            assert (response.status_code, response["Location"]) == (302, "/admin/"), key
        elif persona not in WRITERS:
            assert response.status_code == 403, key
        else:
            assert response.status_code == 302, key
            assert response["Location"] == "/admin/members/member/"
        assert saved == (key in MEMBERS_SEEN[persona] and persona in WRITERS), key


@pytest.mark.parametrize("persona", ["secretary_b", "viewer_b"])
def test_history_of_a_member_outside_the_subtree_is_refused(request, client, member_a1, persona):
    client = admin_client(request, client, persona)

    response = client.get(f"/admin/members/member/{member_a1.pk}/history/")

    assert response.status_code == 404
    assert member_a1.name.encode() not in response.content


def test_viewer_cannot_add_members(request, client, tree):
    client = admin_client(request, client, "viewer_b")

    assert client.get("/admin/members/member/add/").status_code == 403
    response = client.post("/admin/members/member/add/", new_member_form(tree.branch_b1))
    assert response.status_code == 403
    assert not Member.objects.exists()


# --- Adding and changing go through the actions -----------------------------------------------


def test_secretary_adds_a_member_and_the_action_derives_the_rest(request, client, tree):
    client = admin_client(request, client, "secretary_a")
    form = new_member_form(tree.branch_a1)

    response = client.post("/admin/members/member/add/", form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    member = Member.objects.get(name="曹忠海")
    assert (member.birth_date, member.gender, member.name_initials) == (
        datetime.date(1988, 8, 8),
        "M",
        "czh",
    )
    assert plain_id(member) == form["id_number"]
    assert member.history.get().history_user.username == "mahuiyan"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id_number": "630102198808080000"}, "id_number"),
        ({"birth_date": "1989-08-08"}, "birth_date"),
        (None, "organization"),  # another town's branch: not a choice
    ],
)
def test_add_with_errors_shows_them_on_the_field_and_saves_nothing(
    request, client, tree, changes, field
):
    client = admin_client(request, client, "secretary_a")
    changes = changes or {"organization": tree.branch_b1.pk}

    response = client.post("/admin/members/member/add/", new_member_form(tree.branch_a1, **changes))

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Member.objects.exists()


def test_duplicate_phone_is_a_phone_error(request, client, tree, member_b1):
    client = admin_client(request, client, "secretary_a")

    response = client.post(
        "/admin/members/member/add/", new_member_form(tree.branch_a1, phone=member_b1.phone)
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["phone"]
    assert Member.objects.count() == 1


def test_invalid_inline_rolls_the_member_change_back(request, client, member_a1):
    client = admin_client(request, client, "secretary_a")
    data = member_form(member_a1, notes="不应保存") | family_management(1)
    data |= {"family-0-name": "", "family-0-relation": "父亲", "family-0-care_kind": "elder"}

    response = client.post(f"/admin/members/member/{member_a1.pk}/change/", data)

    assert response.status_code == 200
    assert Member.objects.get(pk=member_a1.pk).notes == ""
    assert not FamilyMember.objects.exists()


def test_relatives_are_added_and_removed_in_the_member_page(request, client, member_a1):
    client = admin_client(request, client, "secretary_a")
    data = member_form(member_a1) | family_management(1)
    data |= {"family-0-name": "张老汉", "family-0-relation": "父亲", "family-0-care_kind": "elder"}

    response = client.post(f"/admin/members/member/{member_a1.pk}/change/", data)

    assert response.status_code == 302
    relative = FamilyMember.objects.get(member=member_a1)
    data = member_form(member_a1) | family_management(1, initial=1)
    data |= {
        "family-0-id": relative.pk,
        "family-0-member": member_a1.pk,
        "family-0-name": "张老汉",
        "family-0-relation": "父亲",
        "family-0-care_kind": "elder",
        "family-0-DELETE": "on",
    }
    response = client.post(f"/admin/members/member/{member_a1.pk}/change/", data)
    assert response.status_code == 302
    assert not FamilyMember.objects.exists()


def test_changing_the_id_number_re_derives_the_hash(request, client, member_a1):
    client = admin_client(request, client, "superuser")
    number = fake_id_number("630102", member_a1.birth_date, 77, "M")

    response = client.post(
        f"/admin/members/member/{member_a1.pk}/change/", member_form(member_a1, id_number=number)
    )

    assert response.status_code == 302
    assert plain_id(member_a1) == number


# --- Masking, search, performance -------------------------------------------------------------


def test_admin_pages_show_only_the_masked_number(request, client, member_a1):
    client = admin_client(request, client, "secretary_a")
    member = Member.objects.get(pk=member_a1.pk)
    number = plain_id(member)

    for url in (
        "/admin/members/member/",
        f"/admin/members/member/{member.pk}/change/",
        f"/admin/members/member/{member.pk}/history/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert number.encode() not in response.content, url
    assert member.id_number_masked.encode() in client.get("/admin/members/member/").content


@pytest.mark.parametrize("term", ["zsq", "善强", "__id__"])
def test_admin_search_uses_member_search(request, client, files, term):
    client = admin_client(request, client, "superuser")
    if term == "__id__":
        term = plain_id(files["member_a1"])

    response = client.get("/admin/members/member/", {"q": term})

    assert [m.pk for m in response.context["cl"].result_list] == [files["member_a1"].pk]


def test_admin_search_stays_inside_the_subtree(request, client, files):
    client = admin_client(request, client, "secretary_b")

    response = client.get("/admin/members/member/", {"q": "zsq"})

    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("persona", ["secretary_a", "superuser"])
def test_member_changelist_queries_do_not_grow_and_never_count_it_all(
    request, client, tree, persona, django_assert_max_num_queries
):
    client = admin_client(request, client, persona)
    for _ in range(5):
        make_member(tree.branch_a1)
    with django_assert_max_num_queries(20) as small:
        assert client.get("/admin/members/member/").status_code == 200

    for _ in range(55):
        make_member(tree.branch_a1)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        assert client.get("/admin/members/member/").status_code == 200

    counts = [q["sql"] for q in large.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert all("LIMIT" in sql.upper() for sql in counts), counts


@pytest.mark.parametrize(
    "model", ["organization", "externalorganization", "assignment", "member", "idnumberreveal"]
)
def test_every_changelist_and_add_page_renders_for_the_administrator(request, client, files, model):
    from tests.factories import make_external_organization

    make_external_organization()
    client = admin_client(request, client, "superuser")

    assert client.get(f"/admin/members/{model}/").status_code == 200
    assert client.get(f"/admin/members/{model}/add/").status_code == (
        403 if model == "idnumberreveal" else 200
    )


def test_reveal_log_is_read_only_and_scoped(request, client, member_a1, member_b1, superuser):
    IdNumberReveal.objects.create(user=superuser, member=member_a1, reason="开介绍信")
    IdNumberReveal.objects.create(user=superuser, member=member_b1, reason="核对工资")
    client = admin_client(request, client, "secretary_b")

    response = client.get("/admin/members/idnumberreveal/")

    assert [r.reason for r in response.context["cl"].result_list] == ["核对工资"]
    assert client.get("/admin/members/idnumberreveal/add/").status_code == 403
