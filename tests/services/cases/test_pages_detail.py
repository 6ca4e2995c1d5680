"""The case page: what it shows to whom, and each step posted from it."""

import pytest
from django.urls import reverse

from services.cases import actions
from services.cases.models import CaseDepartment, CaseEvent, ServiceCase
from services.stations.models import ServiceStation
from tests.services.cases.page_helpers import case_b_fixture, messages_of  # noqa: F401

pytestmark = pytest.mark.django_db


def detail(case) -> str:
    return reverse("services:cases:case_detail", args=[case.pk])


def step(case, name: str) -> str:
    return reverse("services:cases:case_step", args=[case.pk, name])


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, follow=True)


def status_of(case) -> str:
    case.refresh_from_db()
    return case.status


def test_an_outsider_gets_404(client, case_b, outsider):
    client.force_login(outsider)
    assert client.get(detail(case_b)).status_code == 404


def test_a_members_home_branch_reads_the_case_without_forms(client, case_b, secretary_a):
    client.force_login(secretary_a)
    response = client.get(detail(case_b))
    assert (
        response.status_code,
        response.context["writable"],
        b"case-actions" in response.content,
    ) == (
        200,
        False,
        False,
    )


def test_the_handler_sees_the_steps_allowed_now(client, case_b, secretary_b):
    client.force_login(secretary_b)
    steps = [t.name for t in client.get(detail(case_b)).context["steps"]]
    assert steps == ["accept", "decline"]


def test_a_viewer_gets_403_on_a_step_and_nothing_changes(client, case_b, viewer_b):
    client.force_login(viewer_b)
    response = client.post(step(case_b, "accept"))
    assert (response.status_code, status_of(case_b)) == (403, "submitted")


def test_an_outsider_posting_a_step_gets_404(client, case_b, outsider):
    client.force_login(outsider)
    assert client.post(step(case_b, "accept")).status_code == 404


def test_a_step_is_post_only(client, case_b, secretary_b):
    client.force_login(secretary_b)
    assert client.get(step(case_b, "accept")).status_code == 405


def test_an_unknown_step_is_404(client, case_b, secretary_b):
    client.force_login(secretary_b)
    assert client.post(step(case_b, "file")).status_code == 404


def test_the_workflow_through_the_page(client, case_b, secretary_b):
    post(client, secretary_b, step(case_b, "accept"))
    post(client, secretary_b, step(case_b, "start"))
    post(client, secretary_b, step(case_b, "resolve"), {"text": "工资已全部追回"})
    response = post(
        client, secretary_b, step(case_b, "close"), {"text": "满意", "satisfaction": "5"}
    )
    case_b.refresh_from_db()
    assert (
        response.redirect_chain[-1][0],
        case_b.status,
        case_b.resolution,
        case_b.satisfaction,
    ) == (
        detail(case_b),
        "closed",
        "工资已全部追回",
        5,
    )


def test_closing_before_it_is_resolved_is_a_message_and_changes_nothing(
    client, case_b, secretary_b
):
    actions.case_step(actor=secretary_b, case=case_b, step="accept")
    response = post(client, secretary_b, step(case_b, "close"), {"satisfaction": "5"})
    assert (len(messages_of(response)), status_of(case_b), case_b.events.count()) == (
        1,
        "accepted",
        2,
    )


def test_resolving_without_the_resolution_is_refused(client, case_b, secretary_b):
    actions.case_step(actor=secretary_b, case=case_b, step="accept")
    response = post(client, secretary_b, step(case_b, "resolve"), {"text": "  "})
    assert ([m.level_tag for m in response.context["messages"]], status_of(case_b)) == (
        ["error"],
        "accepted",
    )


def test_closing_without_the_satisfaction_is_refused(client, case_b, secretary_b):
    actions.case_step(actor=secretary_b, case=case_b, step="accept")
    actions.case_step(actor=secretary_b, case=case_b, step="resolve", text="已解决")
    response = post(client, secretary_b, step(case_b, "close"), {"text": "好"})
    assert ([m.level_tag for m in response.context["messages"]], status_of(case_b)) == (
        ["error"],
        "resolved",
    )


def test_declining_and_reopening(client, case_b, secretary_b):
    post(client, secretary_b, step(case_b, "decline"), {"text": "不属于本组织职责"})
    declined = status_of(case_b)
    post(client, secretary_b, step(case_b, "reopen"), {"text": "成员补充了材料"})
    assert (declined, status_of(case_b)) == ("declined", "in_progress")


def test_handing_over_from_the_page(client, tree, case_b, secretary_b, receiving_b1):
    url = reverse("services:cases:case_handover", args=[case_b.pk])
    post(client, secretary_b, url, {"organization": tree.branch_b1.pk, "reason": "由支部跟进"})
    case_b.refresh_from_db()
    client.force_login(receiving_b1)
    assert (case_b.organization, client.get(detail(case_b)).context["writable"]) == (
        tree.branch_b1,
        True,
    )


def test_handing_over_without_a_reason_changes_nothing(client, tree, case_b, secretary_b):
    url = reverse("services:cases:case_handover", args=[case_b.pk])
    post(client, secretary_b, url, {"organization": tree.branch_b1.pk, "reason": ""})
    case_b.refresh_from_db()
    assert case_b.organization == tree.town_b


def test_adding_a_department(client, case_b, secretary_b):
    url = reverse("services:cases:case_department", args=[case_b.pk])
    post(client, secretary_b, url, {"name": "劳动监察大队", "asked_for": "督促企业支付工资"})
    assert list(CaseDepartment.objects.values_list("name", "asked_for")) == [
        ("劳动监察大队", "督促企业支付工资")
    ]


def test_a_department_without_a_name_is_refused(client, case_b, secretary_b):
    url = reverse("services:cases:case_department", args=[case_b.pk])
    response = post(client, secretary_b, url, {"name": ""})
    assert (len(messages_of(response)), CaseDepartment.objects.count()) == (1, 0)


def test_adding_a_note(client, case_b, secretary_b):
    url = reverse("services:cases:case_note", args=[case_b.pk])
    post(client, secretary_b, url, {"text": "已电话联系肖双强"})
    assert case_b.events.filter(kind=CaseEvent.Kind.NOTE).get().text == "已电话联系肖双强"


def make_station(organization, name="南滩街道流动党员服务站", region="630103", **fields):
    return ServiceStation.objects.create(
        organization=organization,
        name=name,
        level="subdistrict",
        region_code=region,
        address="南滩街道党群服务中心",
        opening_hours="工作日 9:00–17:00",
        contact_person="苏文华",
        contact_phone="0971-8123456",
        services=["rights"],
        **fields,
    )


def test_routing_to_a_station(client, tree, case_b, secretary_b):
    station = make_station(tree.town_b)
    url = reverse("services:cases:case_station", args=[case_b.pk])
    post(client, secretary_b, url, {"station": station.pk})
    case_b.refresh_from_db()
    assert (case_b.station, case_b.events.last().kind) == (station, "step")


def test_a_closed_station_cannot_be_chosen(client, tree, case_b, secretary_b):
    station = make_station(tree.town_b, active=False)
    url = reverse("services:cases:case_station", args=[case_b.pk])
    post(client, secretary_b, url, {"station": station.pk})
    case_b.refresh_from_db()
    assert case_b.station is None


def test_stations_of_the_members_region_come_first(client, tree, case_b, secretary_b):
    make_station(tree.town_a, name="长宁镇服务站", region="630121")
    near = make_station(tree.town_b)
    client.force_login(secretary_b)
    choices = client.get(detail(case_b)).context["station_form"].fields["station"].choices
    assert list(choices)[1][0] == near.pk


def test_the_page_lists_members_departments_and_timeline(client, case_b, secretary_a):
    client.force_login(secretary_a)
    response = client.get(detail(case_b))
    assert (
        len(response.context["case_members"]),
        len(response.context["timeline"]),
    ) == (2, 1)


def test_the_case_page_costs_a_bounded_number_of_queries(
    client, case_b, secretary_b, django_assert_max_num_queries
):
    client.force_login(secretary_b)
    with django_assert_max_num_queries(30):
        client.get(detail(case_b))


def test_a_step_on_a_case_changed_meanwhile_is_a_message(client, case_b, secretary_b):
    ServiceCase.objects.filter(pk=case_b.pk).update(status="closed")
    response = post(client, secretary_b, step(case_b, "accept"))
    assert ([m.level_tag for m in response.context["messages"]], status_of(case_b)) == (
        ["error"],
        "closed",
    )
