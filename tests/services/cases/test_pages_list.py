"""The list of service requests and filing one on a member's behalf."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from services.cases.models import ServiceCase
from tests.factories import make_member
from tests.services.cases.page_helpers import case_b_fixture, file_case  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = reverse("services:cases:case_list")
NEW = reverse("services:cases:case_create")
FRIDAY = datetime.datetime(2026, 9, 25, 10, tzinfo=datetime.UTC)


def listed(client, user, query: str = "") -> list[int]:
    client.force_login(user)
    response = client.get(f"{LIST}?{query}")
    return [case.pk for case in response.context["page"].items]


def test_a_members_home_branch_lists_the_case_and_an_outsider_does_not(
    client, case_b, secretary_a, outsider
):
    assert (listed(client, secretary_a), listed(client, outsider)) == ([case_b.pk], [])


def test_the_list_shows_the_first_member_and_how_many_more(client, case_b, secretary_b):
    client.force_login(secretary_b)
    row = client.get(LIST).context["page"].items[0]
    assert (row.first_member, row.member_count) == ("肖双强", 2)


def test_closed_cases_are_listed_under_all_not_open(client, case_b, secretary_b):
    case_b.status = ServiceCase.Status.CLOSED
    case_b.save()
    assert (listed(client, secretary_b), listed(client, secretary_b, "status=all")) == (
        [],
        [case_b.pk],
    )


def test_the_category_filter(client, tree, case_b, secretary_b, member_b1):
    policy = file_case(secretary_b, tree.town_b, [member_b1], category="policy", title="政策")
    assert listed(client, secretary_b, "category=policy") == [policy.pk]


def test_the_title_search(client, tree, case_b, secretary_b, member_b1):
    file_case(secretary_b, tree.town_b, [member_b1], title="子女入学")
    assert listed(client, secretary_b, "q=工资") == [case_b.pk]


def test_the_overdue_filter(client, case_b, secretary_b):
    ServiceCase.objects.filter(pk=case_b.pk).update(due_on=datetime.date(2020, 1, 2))
    client.force_login(secretary_b)
    row = client.get(f"{LIST}?overdue=on").context["page"].items[0]
    assert (row.pk, row.overdue) == (case_b.pk, True)


def test_handled_by_me_and_by_my_organisation(client, tree, case_b, secretary_b, receiving_b1):
    from services.cases import actions

    actions.case_handover(
        actor=secretary_b, case=case_b, organization=tree.branch_b1, reason="支部跟进"
    )
    assert (
        listed(client, secretary_b, "handled=org"),
        listed(client, receiving_b1, "handled=org"),
        listed(client, receiving_b1, "handled=me"),
    ) == ([], [case_b.pk], [])


def test_the_list_costs_the_same_queries_for_more_rows(
    client, tree, secretary_b, member_b1, django_assert_max_num_queries
):
    for n in range(2):
        file_case(secretary_b, tree.town_b, [member_b1], title=f"诉求{n}")
    client.force_login(secretary_b)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(8):
        file_case(secretary_b, tree.town_b, [member_b1], title=f"更多诉求{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_a_viewer_may_not_file(client, viewer_b):
    client.force_login(viewer_b)
    assert client.get(NEW).status_code == 403


def test_the_member_file_link_ticks_the_member(client, secretary_b, member_b1):
    client.force_login(secretary_b)
    form = client.get(f"{NEW}?member={member_b1.pk}").context["form"]
    assert (form["members"].value(), [pk for pk, _ in form.fields["members"].widget.choices]) == (
        [member_b1.pk],
        [member_b1.pk],
    )


def test_a_member_outside_the_scope_is_not_preselected(client, secretary_a, member_b1):
    client.force_login(secretary_a)
    form = client.get(f"{NEW}?member={member_b1.pk}").context["form"]
    assert form.fields["members"].widget.choices == []


def test_the_search_lists_a_branchs_members_and_files_nothing(client, tree, secretary_b):
    make_member(tree.branch_b1, name="王建国")
    make_member(tree.branch_b1, name="李卫东")
    client.force_login(secretary_b)
    response = client.post(NEW, {"find": "南滩街道流动", "search": "1"})
    names = sorted(
        label.split(" · ")[0]
        for _, label in response.context["form"].fields["members"].widget.choices
    )
    assert (names, ServiceCase.objects.count()) == (["李卫东", "王建国"], 0)


def filing(tree, members, **overrides) -> dict:
    data = {
        "members": [m.pk for m in members],
        "category": "unpaid_wages",
        "title": "拖欠工资",
        "description": "工地拖欠工资",
        "priority": "high",
        "organization": tree.town_b.pk,
        "file": "1",
    }
    return {**data, **overrides}


def test_filing_a_group_case_from_the_page(client, tree, secretary_b, member_b1, mobile_a_in_b):
    client.force_login(secretary_b)
    response = client.post(NEW, filing(tree, [member_b1, mobile_a_in_b]))
    case = ServiceCase.objects.get()
    assert (response.url, case.members.count(), case.priority) == (
        reverse("services:cases:case_detail", args=[case.pk]),
        2,
        "high",
    )


@time_machine.travel(FRIDAY, tick=False)
def test_a_due_date_on_a_holiday_is_a_form_error(client, tree, secretary_b, member_b1):
    client.force_login(secretary_b)
    response = client.post(NEW, filing(tree, [member_b1], due_on="2026-10-02"))
    assert (list(response.context["form"].errors), ServiceCase.objects.count()) == (["due_on"], 0)


@time_machine.travel(FRIDAY, tick=False)
def test_the_form_shows_the_default_due_date(client, secretary_b):
    client.force_login(secretary_b)
    response = client.get(NEW)
    assert re.search(r'data-category="unpaid_wages"[^>]*>2026-10-15<', response.content.decode())


def test_filing_without_members_names_the_field(client, tree, secretary_b):
    client.force_login(secretary_b)
    response = client.post(NEW, filing(tree, []))
    assert (list(response.context["form"].errors), ServiceCase.objects.count()) == (
        ["members"],
        0,
    )


def test_handling_organisation_outside_the_writable_ones_is_refused(
    client, tree, secretary_b, member_b1
):
    client.force_login(secretary_b)
    response = client.post(NEW, filing(tree, [member_b1], organization=tree.town_a.pk))
    assert (list(response.context["form"].errors), ServiceCase.objects.count()) == (
        ["organization"],
        0,
    )
