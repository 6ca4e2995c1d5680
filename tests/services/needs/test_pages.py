"""The pages: a month's rounds, a round's table, filling per row, the summary."""

import pytest
from django.utils import translation

from services.cases.models import Category, ServiceCase
from services.needs import actions
from services.needs.models import NeedsEntry, NeedsRound
from tests.services.needs.conftest import MONTH

pytestmark = pytest.mark.django_db
MONTH_QUERY = "?month=2026-11"


@pytest.fixture
def round_b1(opened, tree):
    return NeedsRound.objects.get(organization=tree.branch_b1)


def text(response) -> str:
    return response.content.decode()


def test_rounds_of_the_month_in_scope(client, opened, secretary_b):
    client.force_login(secretary_b)
    page = text(client.get("/services/needs/" + MONTH_QUERY))
    assert ("南滩街道流动党员党支部" in page, "大街社区党支部" in page) == (True, False)


def test_another_month_is_empty(client, opened, secretary_b):
    client.force_login(secretary_b)
    assert "南滩街道流动党员党支部" not in text(client.get("/services/needs/?month=2026-10"))


def test_writers_are_offered_to_open(client, opened, secretary_b):
    client.force_login(secretary_b)
    assert 'id="open-rounds"' in text(client.get("/services/needs/"))


def test_viewers_are_not_offered_to_open(client, opened, viewer_b):
    client.force_login(viewer_b)
    assert 'id="open-rounds"' not in text(client.get("/services/needs/"))


def test_opening_from_the_page(client, tree, secretary_b, away_b):
    client.force_login(secretary_b)
    response = client.post(
        "/services/needs/open/", {"organization": tree.town_b.pk, "month": "2026-11"}
    )
    assert (response.status_code, NeedsRound.objects.count()) == (302, 1)


def test_a_viewer_may_not_open(client, tree, viewer_b, away_b):
    client.force_login(viewer_b)
    response = client.post(
        "/services/needs/open/", {"organization": tree.county_b.pk, "month": "2026-11"}
    )
    assert (response.status_code, NeedsRound.objects.count()) == (403, 0)


def test_round_table_lists_members_with_phone_links(client, round_b1, secretary_b, away_b):
    client.force_login(secretary_b)
    page = text(client.get(f"/services/needs/{round_b1.pk}/"))
    assert (f'href="tel:{away_b.phone}"' in page, "李建军" in page) == (True, True)


def test_viewers_read_the_table_without_phones_nor_forms(client, round_b1, viewer_b, away_b):
    client.force_login(viewer_b)
    page = text(client.get(f"/services/needs/{round_b1.pk}/"))
    assert ("马外出" in page, "tel:" in page, "entry-form" in page) == (True, False, False)


def test_outsiders_get_404(client, round_b1, secretary_a):
    client.force_login(secretary_a)
    assert client.get(f"/services/needs/{round_b1.pk}/").status_code == 404


def test_not_yet_asked_filter(client, round_b1, secretary_b):
    entry = round_b1.entries.get(member__name="马外出")
    actions.needs_entry_fill(actor=secretary_b, entry=entry, outcome="no_needs", method="sms")
    client.force_login(secretary_b)
    page = text(client.get(f"/services/needs/{round_b1.pk}/?todo=1"))
    assert ("马外出" in page, "李建军" in page) == (False, True)


def test_fill_a_row_from_the_page(client, round_b1, secretary_b):
    entry = round_b1.entries.get(member__name="马外出")
    client.force_login(secretary_b)
    response = client.post(
        f"/services/needs/entries/{entry.pk}/fill/",
        {"outcome": "needs", "method": "phone", "needs": "孩子入学", "category": "children"},
    )
    entry.refresh_from_db()
    assert (response.status_code, entry.outcome, entry.category) == (302, "needs", "children")


def test_a_bad_row_changes_nothing_and_says_why(client, round_b1, secretary_b):
    entry = round_b1.entries.get(member__name="马外出")
    client.force_login(secretary_b)
    with translation.override("zh-hans"):
        response = client.post(
            f"/services/needs/entries/{entry.pk}/fill/",
            {"outcome": "needs", "method": "phone", "needs": "", "category": "children"},
            follow=True,
        )
    entry.refresh_from_db()
    assert (entry.outcome, "马外出" in next(str(m) for m in response.context["messages"])) == (
        "",
        True,
    )


def test_viewer_may_not_fill(client, round_b1, viewer_b):
    entry = round_b1.entries.get(member__name="马外出")
    client.force_login(viewer_b)
    response = client.post(f"/services/needs/entries/{entry.pk}/fill/", {"outcome": "no_needs"})
    assert response.status_code == 403


def test_outsider_may_not_fill(client, round_b1, secretary_a):
    entry = round_b1.entries.get(member__name="马外出")
    client.force_login(secretary_a)
    response = client.post(f"/services/needs/entries/{entry.pk}/fill/", {"outcome": "no_needs"})
    assert response.status_code == 404


def test_turn_into_a_case_from_the_page(client, round_b1, secretary_b):
    entry = round_b1.entries.get(member__name="马外出")
    actions.needs_entry_fill(
        actor=secretary_b,
        entry=entry,
        outcome="needs",
        method="phone",
        needs="孩子入学",
        category="children",
    )
    client.force_login(secretary_b)
    for _click in range(2):
        client.post(f"/services/needs/entries/{entry.pk}/case/")
    assert ServiceCase.objects.filter(channel="needs_round").count() == 1


def test_round_page_queries_do_not_grow_with_rows(
    client, round_b1, secretary_b, django_assert_max_num_queries
):
    from tests.factories import make_external_organization, make_member, make_record

    client.force_login(secretary_b)
    client.get(f"/services/needs/{round_b1.pk}/")  # session and caches warm
    with django_assert_max_num_queries(14) as few:
        client.get(f"/services/needs/{round_b1.pk}/")
    for number in range(6):
        member = make_member(round_b1.organization, name="外出" + "甲乙丙丁戊己"[number])
        make_record(member, inflow_external=make_external_organization(name=f"外地支部{number}"))
    actions.needs_rounds_open(actor=secretary_b, organization=round_b1.organization, month=MONTH)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/services/needs/{round_b1.pk}/")
    assert text(response).count("data-entry=") == 8


def test_summary_by_branch_and_category(client, round_b1, tree, secretary_b, viewer_b):
    entry = round_b1.entries.get(member__name="马外出")
    actions.needs_entry_fill(
        actor=secretary_b,
        entry=entry,
        outcome="needs",
        method="phone",
        needs="孩子入学",
        category="children",
    )
    client.force_login(viewer_b)
    response = client.get(f"/services/needs/summary/{MONTH_QUERY}&organization={tree.county_b.pk}")
    totals, categories = response.context["totals"], response.context["categories"]
    assert (totals.members, totals.asked, totals.needs, totals.percent_done, categories) == (
        2,
        1,
        1,
        50,
        [(Category.CHILDREN.label, 1)],
    )


def test_summary_lists_who_is_not_contacted(client, round_b1, tree, secretary_b, viewer_b):
    entry = round_b1.entries.get(member__name="马外出")
    actions.needs_entry_fill(actor=secretary_b, entry=entry, outcome="unreachable")
    client.force_login(viewer_b)
    response = client.get(f"/services/needs/summary/{MONTH_QUERY}&organization={tree.county_b.pk}")
    names = [e.member.name for e in response.context["page"].items]
    assert names == ["李建军"]


def test_summary_shows_no_phone_numbers(client, round_b1, tree, viewer_b, away_b):
    client.force_login(viewer_b)
    page = text(
        client.get(f"/services/needs/summary/{MONTH_QUERY}&organization={tree.county_b.pk}")
    )
    assert (away_b.name in page, away_b.phone in page) == (True, False)


def test_summary_of_an_organisation_outside_is_404(client, opened, tree, viewer_b):
    client.force_login(viewer_b)
    response = client.get(f"/services/needs/summary/{MONTH_QUERY}&organization={tree.town_a.pk}")
    assert response.status_code == 404


def test_summary_defaults_to_my_organisation(client, opened, tree, viewer_b):
    client.force_login(viewer_b)
    response = client.get(f"/services/needs/summary/{MONTH_QUERY}")
    assert response.context["organization"] == tree.county_b


def test_summary_queries_do_not_grow_with_branches(
    client, opened, tree, secretary_b, viewer_b, django_assert_max_num_queries
):
    from tests.factories import (
        make_external_organization,
        make_member,
        make_organization,
        make_record,
    )

    client.force_login(viewer_b)
    url = f"/services/needs/summary/{MONTH_QUERY}&organization={tree.county_b.pk}"
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for number in range(4):
        branch = make_organization(f"南滩第{number}支部", parent=tree.town_b, kind="branch")
        member = make_member(branch, name="外出" + "甲乙丙丁戊己"[number])
        make_record(member, inflow_external=make_external_organization(name=f"外地支部{number}"))
    actions.needs_rounds_open(actor=secretary_b, organization=tree.town_b, month=MONTH)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["branches"]) == 5


def test_rows_carry_the_round_path(opened, tree):
    assert NeedsEntry.objects.filter(path=tree.branch_a1.path).count() == 1


def test_opening_where_one_only_reads_changes_nothing(client, tree, secretary_b, away_b):
    from tests.factories import assign

    assign(secretary_b, tree.county_b, "viewer")
    client.force_login(secretary_b)
    response = client.post(
        "/services/needs/open/", {"organization": tree.county_b.pk, "month": "2026-11"}
    )
    assert (response.status_code, NeedsRound.objects.count()) == (302, 0)


def test_round_list_queries_do_not_grow_with_rounds(
    client, opened, tree, secretary_b, django_assert_max_num_queries
):
    from tests.factories import (
        make_external_organization,
        make_member,
        make_organization,
        make_record,
    )

    client.force_login(secretary_b)
    client.get("/services/needs/" + MONTH_QUERY)
    with django_assert_max_num_queries(14) as few:
        client.get("/services/needs/" + MONTH_QUERY)
    for number in range(3):
        branch = make_organization(f"南滩第{number}支部", parent=tree.town_b, kind="branch")
        member = make_member(branch, name="外出" + "甲乙丙"[number])
        make_record(member, inflow_external=make_external_organization(name=f"外地支部{number}"))
    actions.needs_rounds_open(actor=secretary_b, organization=tree.town_b, month=MONTH)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/services/needs/" + MONTH_QUERY)
    assert len(response.context["rows"]) == 4
