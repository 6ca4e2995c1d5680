import pytest
from django.urls import reverse

from members.mobility.models import MobileRecord
from tests.factories import make_record, registration_fields

pytestmark = pytest.mark.django_db


def api(client, user, method, name, *args, **data):
    client.force_login(user)
    url = reverse(f"record-{name}", args=args)
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.fixture
def waiting(tree, member_a1):
    return make_record(member_a1, inflow_organization=tree.town_b)


def _registration_payload(member, **overrides):
    data = registration_fields(**overrides)
    data["departure_date"] = data["departure_date"].isoformat()
    return {"member": member.pk, **data}


def test_outflow_creates_updates_and_submits(client, tree, member_a1, secretary_a):
    created = api(
        client,
        secretary_a,
        "post",
        "list",
        **_registration_payload(member_a1, inflow_organization=tree.town_b.pk),
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert created.json()["member_summary"]["id_number_masked"] == member_a1.id_number_masked

    assert (
        api(
            client, secretary_a, "patch", "detail", pk, employer_name="西藏易达投资股份有限公司"
        ).status_code
        == 200
    )
    submitted = api(client, secretary_a, "post", "submit", pk)

    assert submitted.status_code == 200
    assert submitted.json()["status"] == "waiting"
    assert [e["transition"] for e in submitted.json()["events"]] == ["draft", "submit"]


def test_bad_registration_is_400_naming_fields(client, member_a1, secretary_a):
    response = api(
        client,
        secretary_a,
        "post",
        "list",
        **_registration_payload(member_a1, destination_region_code="99", reason="x"),
    )

    assert response.status_code == 400
    assert {"destination_region_code", "reason"} <= response.json().keys()
    assert not MobileRecord.objects.exists()


def test_every_transition_through_the_api(client, tree, waiting, secretary_a, secretary_b):
    returned = api(client, secretary_b, "post", "return", waiting.pk, reason="不在本辖区")
    assert returned.json()["status"] == "returned"
    assert api(client, secretary_a, "post", "resubmit", waiting.pk).json()["status"] == "waiting"
    taken = api(
        client,
        secretary_b,
        "post",
        "take-in",
        waiting.pk,
        taken_in_by=tree.branch_b1.pk,
        inflow_contact_person="刘德花",
    )
    assert taken.status_code == 200
    assert taken.json()["status"] == "taken_in"
    assert taken.json()["taken_in_by"] == tree.branch_b1.pk
    noted = api(client, secretary_b, "post", "notes", waiting.pk, text="已编入支部")
    assert noted.json()["events"][-1]["text"] == "已编入支部"
    co = api(
        client,
        secretary_a,
        "post",
        "co-management",
        waiting.pk,
        co_management_measures="每季度通报",
    )
    assert co.json()["co_management_measures"] == "每季度通报"
    ended = api(client, secretary_a, "post", "end", waiting.pk, end_reason="returned_home")
    assert ended.json()["status"] == "ended"


def test_no_inflow_then_assign(client, tree, member_a1, secretary_a):
    record = make_record(member_a1, actor=secretary_a)
    assert record.status == "no_inflow"

    response = api(
        client, secretary_a, "post", "assign-inflow", record.pk, inflow_organization=tree.town_b.pk
    )

    assert response.json()["status"] == "waiting"


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("submit", {}),
        ("resubmit", {}),
        ("assign-inflow", {}),
    ],
)
def test_invalid_transitions_are_409_and_change_nothing(client, waiting, secretary_a, step, data):
    before = MobileRecord.objects.values().get()

    response = api(client, secretary_a, "post", step, waiting.pk, **data)

    assert response.status_code == 409
    assert response.json()["detail"]
    assert MobileRecord.objects.values().get() == before


def test_taking_in_twice_is_409(client, waiting, secretary_b):
    api(client, secretary_b, "post", "take-in", waiting.pk, inflow_contact_person="刘德花")

    again = api(client, secretary_b, "post", "take-in", waiting.pk, inflow_contact_person="刘德花")

    assert again.status_code == 409


def test_returning_a_taken_in_record_is_409(client, waiting, secretary_b):
    api(client, secretary_b, "post", "take-in", waiting.pk, inflow_contact_person="刘德花")

    assert api(client, secretary_b, "post", "return", waiting.pk, reason="x").status_code == 409


@pytest.mark.parametrize(
    ("persona", "detail", "take_in", "submit_like"),
    [
        ("secretary_a", 200, 403, 409),
        ("secretary_b", 200, 200, 403),
        ("officer_a1", 200, 403, 409),
        ("viewer_b", 200, 403, 403),
        ("outsider", 404, 404, 404),
        ("superuser", 200, 200, 409),
    ],
)
def test_permission_matrix(client, request, waiting, persona, detail, take_in, submit_like):
    user = request.getfixturevalue(persona)

    assert api(client, user, "get", "detail", waiting.pk).status_code == detail
    assert api(client, user, "post", "resubmit", waiting.pk).status_code == submit_like
    response = api(client, user, "post", "take-in", waiting.pk, inflow_contact_person="x")
    assert response.status_code == take_in


def test_list_sides_and_scoping(
    client, tree, waiting, member_b1, secretary_a, secretary_b, outsider
):
    mine = make_record(member_b1, inflow_organization=tree.town_a)

    def ids(user, **params):
        client.force_login(user)
        return [r["id"] for r in client.get(reverse("record-list"), params).json()["results"]]

    assert ids(secretary_b, side="inflow") == [waiting.pk]
    assert ids(secretary_b, side="outflow") == [mine.pk]
    assert set(ids(secretary_a)) == {waiting.pk, mine.pk}
    assert ids(outsider) == []


def test_delete_only_while_waiting(client, waiting, secretary_a, secretary_b):
    api(client, secretary_b, "post", "take-in", waiting.pk, inflow_contact_person="刘德花")

    assert api(client, secretary_a, "delete", "detail", waiting.pk).status_code == 409
    assert MobileRecord.objects.exists()


def test_letters_and_return_slip(client, waiting, secretary_a, secretary_b):
    issued = api(
        client,
        secretary_a,
        "post",
        "letters",
        waiting.pk,
        suggestions_for_inflow="请督促按时参加组织生活",
        validity_days=30,
    )
    assert issued.status_code == 201
    letter = issued.json()
    assert letter["number"].endswith("-0001")

    client.force_login(secretary_b)
    slip = client.post(reverse("letter-return-slip", args=[letter["id"]]))
    assert slip.status_code == 200
    assert slip.json()["return_slip_received_at"]


def test_list_query_count_is_constant(client, tree, secretary_a, django_assert_max_num_queries):
    from tests.factories import make_member

    for _ in range(3):
        make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    client.force_login(secretary_a)
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("record-list"))
    for _ in range(15):
        make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(reverse("record-list"))
    assert len(response.json()["results"]) == 18
    assert not any(
        "COUNT(" in q["sql"].upper() and "mobilerecord" in q["sql"] for q in large.captured_queries
    )
