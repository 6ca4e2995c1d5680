import datetime
import re

import pytest
from rest_framework.test import APIClient

from members.demo.samples import fake_id_number, fake_mobile
from members.files import crypto
from members.files.models import IdNumberReveal, Member
from members.organizations.models import Organization
from tests.factories import make_member

pytestmark = pytest.mark.django_db

PERSONAS = ["secretary_a", "secretary_b", "officer_a1", "viewer_b", "outsider", "superuser"]
WRITERS = {"secretary_a", "secretary_b", "officer_a1", "superuser"}

# Which member files (by fixture name) each persona may see.
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
    return make_member(tree.town_a, name="廖宏伟", gender="M")


@pytest.fixture
def files(member_town_a, member_a1, member_b1):
    return {"member_town_a": member_town_a, "member_a1": member_a1, "member_b1": member_b1}


def client_for(request, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(persona))
    return client


def plain_id(member: Member) -> str:
    return crypto.decrypt(Member.objects.get(pk=member.pk).id_number_encrypted)


def write_status(persona: str, key: str) -> int:
    """Outside the subtree: 404; inside: 200 for writers, 403 for read-only roles."""
    if key not in MEMBERS_SEEN[persona]:
        return 404
    return 200 if persona in WRITERS else 403


def walk(client: APIClient, url: str) -> list[dict]:
    """Follow the cursor links to the end and return every row."""
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        rows += response.data["results"]
        url = response.data["next"]
    return rows


def new_member_payload(organization: Organization, serial: int = 900, **overrides) -> dict:
    birth_date = datetime.date(1990, 4, 12)
    payload = {
        "name": "王秀玲",
        "id_number": fake_id_number(organization.region_code, birth_date, serial, "F"),
        "phone": fake_mobile(serial),
        "joined_party_on": "2014-07-01",
        "category": "full",
        "organization": organization.pk,
    }
    return payload | overrides


# --- Permission matrix: members --------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_list_shows_exactly_the_personas_subtree(request, files, persona):
    rows = walk(client_for(request, persona), "/api/v1/members/")

    names = {row["name"] for row in rows}
    assert names == {files[key].name for key in MEMBERS_SEEN[persona]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_detail_is_404_outside_the_subtree(request, files, persona):
    client = client_for(request, persona)

    for key, member in files.items():
        response = client.get(f"/api/v1/members/{member.pk}/")
        assert response.status_code == (200 if key in MEMBERS_SEEN[persona] else 404), key


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_update_matrix(request, files, persona):
    client = client_for(request, persona)

    for key, member in files.items():
        response = client.patch(f"/api/v1/members/{member.pk}/", {"notes": "已电话核实"})
        expected = write_status(persona, key)
        assert response.status_code == expected, key
        saved = Member.objects.get(pk=member.pk).notes
        assert (saved == "已电话核实") == (expected == 200)


@pytest.mark.parametrize(
    ("persona", "where", "expected"),
    [
        ("secretary_a", "branch_a1", 201),
        ("secretary_a", "branch_b1", 400),  # not in its tree: reads as a nonexistent id
        ("secretary_b", "branch_b1", 201),
        ("officer_a1", "branch_a1", 201),
        ("officer_a1", "town_a", 400),
        ("viewer_b", "branch_b1", 403),
        ("outsider", "branch_a1", 403),
        ("superuser", "branch_b1", 201),
    ],
)
def test_member_create_matrix(request, tree, persona, where, expected):
    client = client_for(request, persona)

    response = client.post("/api/v1/members/", new_member_payload(getattr(tree, where)))

    assert response.status_code == expected, response.data
    assert Member.objects.filter(name="王秀玲").exists() == (expected == 201)
    if expected == 400:
        assert "organization" in response.data


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_reveal_matrix(request, files, persona):
    client = client_for(request, persona)

    for key, member in files.items():
        response = client.post(f"/api/v1/members/{member.pk}/reveal-id/", {"reason": "开介绍信"})
        expected = write_status(persona, key)
        assert response.status_code == expected, key
        if expected == 200:
            assert response.data == {"id_number": plain_id(member)}
            assert response["Cache-Control"] == "no-store"
    user = request.getfixturevalue(persona)
    expected_logs = len(MEMBERS_SEEN[persona]) if persona in WRITERS else 0
    assert IdNumberReveal.objects.filter(user=user, reason="开介绍信").count() == expected_logs


def test_reveal_needs_a_reason(request, member_a1):
    client = client_for(request, "secretary_a")

    response = client.post(f"/api/v1/members/{member_a1.pk}/reveal-id/", {"reason": "  "})

    assert response.status_code == 400
    assert "reason" in response.data
    assert not IdNumberReveal.objects.exists()


def test_member_moved_only_into_a_writable_organisation(request, tree, member_a1):
    client = client_for(request, "officer_a1")

    response = client.patch(f"/api/v1/members/{member_a1.pk}/", {"organization": tree.town_a.pk})

    assert response.status_code == 400
    assert Member.objects.get(pk=member_a1.pk).organization == tree.branch_a1


def test_secretary_moves_a_member_within_the_town(request, tree, member_a1):
    client = client_for(request, "secretary_a")

    response = client.patch(f"/api/v1/members/{member_a1.pk}/", {"organization": tree.town_a.pk})

    assert response.status_code == 200
    assert response.data["organization"] == tree.town_a.pk
    assert response.data["organization_name"] == tree.town_a.name


# --- Validation: 400 naming the field, nothing saved ----------------------------------------


def test_create_with_bad_checksum_is_rejected_on_id_number(request, tree):
    payload = new_member_payload(tree.branch_a1)
    last = payload["id_number"][-1]
    payload["id_number"] = payload["id_number"][:-1] + ("0" if last != "0" else "1")

    response = client_for(request, "secretary_a").post("/api/v1/members/", payload)

    assert response.status_code == 400
    assert set(response.data) == {"id_number"}
    assert not Member.objects.exists()


def test_create_with_birth_date_not_matching_the_id_number_is_rejected(request, tree):
    payload = new_member_payload(tree.branch_a1, birth_date="1991-04-12")

    response = client_for(request, "secretary_a").post("/api/v1/members/", payload)

    assert response.status_code == 400
    assert set(response.data) == {"birth_date"}
    assert "1990-04-12" in str(response.data["birth_date"])
    assert not Member.objects.exists()


def test_create_with_another_members_phone_is_rejected(request, tree, member_a1):
    payload = new_member_payload(tree.branch_a1, phone=member_a1.phone)

    response = client_for(request, "secretary_a").post("/api/v1/members/", payload)

    assert response.status_code == 400
    assert set(response.data) == {"phone"}
    assert Member.objects.count() == 1


def test_create_with_an_existing_id_number_is_rejected(request, tree, member_a1):
    payload = new_member_payload(tree.branch_a1, id_number=plain_id(member_a1))
    payload.pop("phone")

    response = client_for(request, "secretary_a").post("/api/v1/members/", payload)

    assert response.status_code == 400
    assert set(response.data) == {"id_number"}
    assert Member.objects.count() == 1


def test_create_derives_birth_date_and_gender_and_masks_the_number(request, tree):
    payload = new_member_payload(tree.branch_a1)

    response = client_for(request, "secretary_a").post("/api/v1/members/", payload)

    assert response.status_code == 201
    assert response.data["birth_date"] == "1990-04-12"
    assert response.data["gender"] == "F"
    assert response.data["name_initials"] == "wxl"
    assert (
        response.data["id_number_masked"]
        == payload["id_number"][:6] + "*" * 8 + payload["id_number"][-4:]
    )
    assert payload["id_number"].encode() not in response.content
    assert plain_id(Member.objects.get(name="王秀玲")) == payload["id_number"]


# --- Output never carries the number; family nested ------------------------------------------


def test_list_and_detail_show_only_the_masked_number(request, member_a1):
    client = client_for(request, "superuser")
    number = plain_id(member_a1)
    member = Member.objects.get(pk=member_a1.pk)

    for url in ("/api/v1/members/", f"/api/v1/members/{member.pk}/"):
        response = client.get(url)
        assert member.id_number_masked.encode() in response.content
        assert number.encode() not in response.content
        assert member.id_number_hash.encode() not in response.content
        assert b"id_number_encrypted" not in response.content


def test_detail_nests_family_members(request, member_a1):
    member_a1.family.create(name="张老汉", relation="父亲", age=78, care_kind="elder")

    response = client_for(request, "secretary_a").get(f"/api/v1/members/{member_a1.pk}/")

    assert [(f["name"], f["care_kind"]) for f in response.data["family"]] == [("张老汉", "elder")]


# --- Filters reuse member_search ------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "善强"}, {"张善强"}),
        ({"q": "XSQ"}, {"肖双强"}),
        ({"status": "mobile"}, {"肖双强"}),
        ({"gender": "F"}, {"王秀玲"}),
        ({"age_band": "over60"}, {"王秀玲"}),
        ({"category": "probationary"}, set()),
        ({"status": "mobile", "gender": "M"}, {"肖双强"}),
    ],
)
def test_member_filters(request, tree, member_a1, member_b1, params, expected):
    Member.objects.filter(pk=member_b1.pk).update(status="mobile")
    make_member(tree.town_b, name="王秀玲", gender="F", birth_date=datetime.date(1950, 1, 2))

    rows = walk(client_for(request, "superuser"), "/api/v1/members/?" + _query(params))

    assert {row["name"] for row in rows} == expected


def test_filter_by_exact_id_number_and_by_organisation_subtree(request, tree, files):
    client = client_for(request, "superuser")

    by_id = walk(client, f"/api/v1/members/?q={plain_id(files['member_b1'])}")
    by_org = walk(client, f"/api/v1/members/?organization={tree.county_a.pk}")

    assert [row["id"] for row in by_id] == [files["member_b1"].pk]
    assert {row["name"] for row in by_org} == {"张善强", "廖宏伟"}


def test_filter_by_an_organisation_outside_the_scope_is_a_400(request, tree, files):
    response = client_for(request, "secretary_a").get(
        f"/api/v1/members/?organization={tree.branch_b1.pk}"
    )

    assert response.status_code == 400
    assert "organization" in response.data


def _query(params: dict) -> str:
    return "&".join(f"{key}={value}" for key, value in params.items())


# --- Pagination and query counts ------------------------------------------------------------


def test_cursor_pagination_walks_every_member_once(request, tree):
    created = {make_member(tree.branch_a1).pk for _ in range(7)}

    rows = walk(client_for(request, "secretary_a"), "/api/v1/members/?page_size=3")

    assert [row["id"] for row in rows] == sorted(created, reverse=True)


@pytest.mark.parametrize("persona", ["secretary_a", "superuser"])
def test_member_list_queries_do_not_grow_and_never_count(
    request, tree, persona, django_assert_max_num_queries
):
    client = client_for(request, persona)
    for _ in range(5):
        make_member(tree.branch_a1)
    with django_assert_max_num_queries(3) as small:
        assert len(client.get("/api/v1/members/").data["results"]) == 5

    for _ in range(55):
        make_member(tree.branch_a1)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        assert len(client.get("/api/v1/members/").data["results"]) == 50

    assert not [q for q in large.captured_queries if "COUNT(" in q["sql"].upper()]


def test_anonymous_requests_are_refused(client, member_a1):
    assert client.get("/api/v1/members/").status_code in {401, 403}
    assert client.get(f"/api/v1/members/{member_a1.pk}/").status_code in {401, 403}


# --- Schema and docs ------------------------------------------------------------------------


def test_schema_and_docs_are_served(client, secretary_a):
    client.force_login(secretary_a)
    schema = client.get("/api/v1/schema/")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/members/{id}/reveal-id/" in schema.content
    assert docs.status_code == 200


def test_docs_page_loads_only_local_files(client, secretary_a):
    client.force_login(secretary_a)
    html = client.get("/api/v1/docs/").content.decode()

    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert references
    assert all(ref.startswith("/") for ref in references), references
    assert "//" not in "".join(ref.removeprefix("/") for ref in references)
    assert "http://" not in html
    assert "https://" not in html
    for ref in references:
        assert client.get(ref).status_code == 200, ref
