"""The cases' REST API: scoped list with filters, filing, the detail, and the writes."""

import datetime

import pytest
from rest_framework.test import APIClient

from members.outbox.models import Notification
from services.cases.kinds import CASE_FILED, CASE_HANDED_OVER
from services.cases.models import ServiceCase
from tests.factories import make_member
from tests.services.cases.helpers import file_case

pytestmark = pytest.mark.django_db
URL = "/api/v1/services/cases/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def case_b(tree, secretary_b, member_b1, mobile_a_in_b):
    """刘德花's wage case for 肖双强 (home B1) and 李建军 (home A1, hosted in B1)."""
    return file_case(secretary_b, tree.town_b, [member_b1, mobile_a_in_b])


@pytest.fixture
def api_b(secretary_b):
    return client_for(secretary_b)


def titles(answer) -> list[str]:
    return [row["title"] for row in answer.json()["results"]]


def test_the_list_shows_the_cases_of_the_scope(api_b, case_b):
    assert titles(api_b.get(URL)) == ["拖欠工资"]


def test_an_outsider_lists_nothing(outsider, case_b):
    assert titles(client_for(outsider).get(URL)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=submitted", ["拖欠工资"]),
        ("status=accepted", []),
        ("category=unpaid_wages", ["拖欠工资"]),
        ("category=policy", []),
        ("overdue=true", []),
        ("overdue=false", ["拖欠工资"]),
        ("overdue=1", []),
        ("overdue=0", ["拖欠工资"]),
    ],
)
def test_the_list_filters(api_b, case_b, query, expected):
    assert titles(api_b.get(f"{URL}?{query}")) == expected


def test_an_overdue_case_is_listed_as_overdue(api_b, case_b):
    ServiceCase.objects.filter(pk=case_b.pk).update(due_on=datetime.date(2026, 1, 5))
    answer = api_b.get(f"{URL}?overdue=1")
    assert [row["overdue"] for row in answer.json()["results"]] == [True]


def test_the_organisation_filter_takes_the_handling_subtree(api_b, tree, case_b):
    found = [
        titles(api_b.get(f"{URL}?organization={org.pk}")) for org in (tree.town_b, tree.branch_b1)
    ]
    assert found == [["拖欠工资"], []]


def test_the_list_costs_the_same_queries_for_many_cases(
    api_b, tree, secretary_b, member_b1, django_assert_max_num_queries
):
    for number in range(6):
        file_case(secretary_b, tree.town_b, [member_b1], title=f"诉求{number}")
    with django_assert_max_num_queries(6):
        answer = api_b.get(URL)
    assert len(answer.json()["results"]) == 6


def test_filing_through_the_api(api_b, tree, member_b1):
    answer = api_b.post(
        URL,
        {
            "organization": tree.town_b.pk,
            "members": [member_b1.pk],
            "category": "policy",
            "title": "社保咨询",
            "description": "异地社保怎么转",
        },
        format="json",
    )
    assert (answer.status_code, answer.json()["status"]) == (201, "submitted")


def test_filing_for_a_member_not_looked_after_is_400_and_files_nothing(api_b, tree, member_a1):
    answer = api_b.post(
        URL,
        {
            "organization": tree.town_b.pk,
            "members": [member_a1.pk],
            "category": "policy",
            "title": "咨询",
            "description": "政策",
        },
        format="json",
    )
    assert (answer.status_code, list(answer.json()), ServiceCase.objects.count()) == (
        400,
        ["members"],
        0,
    )


def test_a_viewer_may_not_file(viewer_b, tree, member_b1):
    body = {"organization": tree.town_b.pk, "members": [member_b1.pk], "category": "policy"}
    assert client_for(viewer_b).post(URL, body, format="json").status_code == 403


def test_the_detail_has_members_and_timeline(api_b, case_b):
    data = api_b.get(f"{URL}{case_b.pk}/").json()
    assert ([m["name"] for m in data["case_members"]], [e["kind"] for e in data["timeline"]]) == (
        ["肖双强", "李建军"],
        ["step"],
    )


def test_the_detail_costs_the_same_queries_for_a_long_timeline(
    api_b, secretary_b, case_b, django_assert_max_num_queries
):
    from services.cases import actions

    for number in range(5):
        actions.case_note(actor=secretary_b, case=case_b, text=f"电话{number}")
    with django_assert_max_num_queries(8):
        answer = api_b.get(f"{URL}{case_b.pk}/")
    assert len(answer.json()["timeline"]) == 6


def test_an_outsider_gets_404(outsider, case_b):
    assert client_for(outsider).get(f"{URL}{case_b.pk}/").status_code == 404


def step(client, case, **body):
    return client.post(f"{URL}{case.pk}/step/", body, format="json")


def test_a_step(api_b, case_b):
    assert step(api_b, case_b, step="accept").json()["status"] == "accepted"


def test_a_refused_step_is_409(api_b, case_b):
    assert step(api_b, case_b, step="close", satisfaction=5).status_code == 409


def test_resolving_without_saying_how_is_400_on_the_resolution(api_b, case_b):
    step(api_b, case_b, step="accept")
    answer = step(api_b, case_b, step="resolve", text="")
    case_b.refresh_from_db()
    assert (answer.status_code, list(answer.json()), case_b.status) == (
        400,
        ["resolution"],
        "accepted",
    )


def test_an_unknown_step_is_400(api_b, case_b):
    assert list(step(api_b, case_b, step="approve").json()) == ["step"]


def test_a_viewer_is_403(viewer_b, case_b):
    assert step(client_for(viewer_b), case_b, step="accept").status_code == 403


def test_a_members_home_branch_reads_but_may_not_handle(secretary_a, case_b):
    client = client_for(secretary_a)
    statuses = (client.get(f"{URL}{case_b.pk}/").status_code, step(client, case_b, step="accept"))
    assert (statuses[0], statuses[1].status_code) == (200, 403)


def test_an_outsiders_step_is_404(outsider, case_b):
    assert step(client_for(outsider), case_b, step="accept").status_code == 404


def test_a_handover_tells_the_new_organisations_secretaries(api_b, tree, case_b, receiving_b1):
    answer = api_b.post(
        f"{URL}{case_b.pk}/handover/",
        {"organization": tree.branch_b1.pk, "reason": "由流动党员党支部跟进"},
        format="json",
    )
    sent = Notification.objects.filter(kind=CASE_HANDED_OVER, recipient_user=receiving_b1)
    assert (answer.json()["organization"], sent.count()) == (tree.branch_b1.pk, 1)


def test_a_handover_without_reason_is_400(api_b, tree, case_b):
    answer = api_b.post(
        f"{URL}{case_b.pk}/handover/", {"organization": tree.branch_b1.pk}, format="json"
    )
    assert list(answer.json()) == ["reason"]


def test_a_department_is_brought_in(api_b, case_b):
    answer = api_b.post(
        f"{URL}{case_b.pk}/departments/",
        {"name": "劳动监察大队", "asked_for": "核实欠薪"},
        format="json",
    )
    assert (answer.status_code, case_b.departments.get().name) == (201, "劳动监察大队")


def test_a_note(api_b, case_b):
    answer = api_b.post(f"{URL}{case_b.pk}/notes/", {"text": "已电话联系老板"}, format="json")
    assert (answer.status_code, answer.json()["kind"]) == (201, "note")


def test_an_empty_note_is_400(api_b, case_b):
    assert api_b.post(f"{URL}{case_b.pk}/notes/", {"text": ""}, format="json").status_code == 400


def test_a_case_filed_by_its_own_secretary_tells_nobody(api_b, case_b):
    assert Notification.objects.filter(kind=CASE_FILED).count() == 0


def test_a_case_filed_for_a_branch_below_tells_the_branch(tree, secretary_b, receiving_b1):
    member = make_member(tree.branch_b1, name="王小明")
    file_case(secretary_b, tree.branch_b1, [member])
    sent = Notification.objects.filter(kind=CASE_FILED).values_list("recipient_user", flat=True)
    assert list(sent) == [receiving_b1.pk]
