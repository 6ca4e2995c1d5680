"""The member file's «服务诉求» panel, and the cases' items on the service chain's home card."""

import datetime

import pytest

from services.cases.attention import cases_open, cases_overdue
from services.cases.panels import cases_panel
from tests.services.cases.helpers import file_case

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def group_case(tree, secretary_b, member_b1, mobile_a_in_b):
    """One wage case for 肖双强 (home B1) and 李建军 (home A1, hosted in B1): story 7."""
    return file_case(secretary_b, tree.town_b, [member_b1, mobile_a_in_b])


def rows(member, user) -> list[str]:
    panels = cases_panel(member, user=user, today=TODAY)
    return [row["case"].title for panel in panels for row in panel.context["rows"]]


def test_the_panel_lists_the_members_cases(group_case, secretary_b, member_b1):
    assert rows(member_b1, secretary_b) == ["拖欠工资"]


def test_each_member_of_a_group_case_sees_it(group_case, secretary_a, mobile_a_in_b):
    """A's secretary reads 李建军's file: the case B handles is on it."""
    assert rows(mobile_a_in_b, secretary_a) == ["拖欠工资"]


def test_the_case_links_to_its_page(group_case, secretary_b, member_b1):
    (panel,) = cases_panel(member_b1, user=secretary_b, today=TODAY)
    assert panel.context["rows"][0]["url"] == f"/services/cases/{group_case.pk}/"


def test_a_writer_is_offered_filing_for_the_member(secretary_b, member_b1):
    (panel,) = cases_panel(member_b1, user=secretary_b, today=TODAY)
    assert panel.context["new_url"] == f"/services/cases/new/?member={member_b1.pk}"


def test_a_viewer_is_not_offered_filing(group_case, viewer_b, member_b1):
    (panel,) = cases_panel(member_b1, user=viewer_b, today=TODAY)
    assert panel.context["new_url"] == ""


def test_a_reader_without_cases_to_see_gets_no_panel(viewer_b, member_b1):
    assert cases_panel(member_b1, user=viewer_b, today=TODAY) == []


def test_the_panel_costs_two_queries_whatever_the_number(
    tree, secretary_b, member_b1, django_assert_num_queries
):
    for number in range(5):
        file_case(secretary_b, tree.town_b, [member_b1], title=f"诉求{number}")
    secretary_b = type(secretary_b).objects.get(pk=secretary_b.pk)  # no cached scope
    cases_panel(member_b1, user=secretary_b, today=TODAY)  # the user's scope, cached per user
    member = type(member_b1).objects.get(pk=member_b1.pk)  # as the file page reads it
    with django_assert_num_queries(2):
        (panel,) = cases_panel(member, user=secretary_b, today=TODAY)
    assert len(panel.context["rows"]) == 5


def test_the_file_page_shows_the_panel(client, group_case, secretary_b, member_b1):
    client.force_login(secretary_b)
    page = client.get(f"/members/{member_b1.pk}/").content.decode()
    assert 'id="member-service-cases"' in page


# --- Home card ---------------------------------------------------------------------------


def test_open_cases_are_counted_for_the_handlers(group_case, secretary_b):
    item = cases_open(secretary_b, TODAY, 99)
    assert (item.count, item.url) == (1, "/services/cases/?status=open")


def test_a_members_home_branch_does_not_count_them(group_case, secretary_a):
    assert cases_open(secretary_a, TODAY, 99).count == 0


def test_overdue_cases_are_counted(group_case, secretary_b):
    late = group_case.due_on + datetime.timedelta(days=1)
    item = cases_overdue(secretary_b, late, 99)
    assert (item.count, item.url) == (1, "/services/cases/?overdue=1")


def test_a_viewer_gets_no_items(group_case, viewer_b):
    assert (cases_open(viewer_b, TODAY, 99), cases_overdue(viewer_b, TODAY, 99)) == (None, None)


def test_each_item_is_one_count(group_case, secretary_b, django_assert_max_num_queries):
    cases_open(secretary_b, TODAY, 99)
    with django_assert_max_num_queries(2):
        cases_open(secretary_b, TODAY, 99)
