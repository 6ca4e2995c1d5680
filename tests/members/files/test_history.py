"""The member's history names organisations only as far as the reader may see them."""

import pytest

from members.files.actions import member_update
from members.files.selectors import member_history
from members.scoping import scope_paths
from tests.factories import system_user

pytestmark = pytest.mark.django_db


def test_a_move_from_another_subtree_does_not_name_it(tree, member_b1, secretary_a):
    member_update(actor=system_user(), member=member_b1, organization=tree.branch_a1)

    latest = member_history(user=secretary_a, member=member_b1)[0]

    change = next(c for c in latest["changes"] if str(c["label"]) == "所在党组织")
    assert change["new"] == tree.branch_a1.name
    assert change["old"] == "（您管辖范围以外的党组织）"


def test_history_costs_two_queries(tree, member_a1, secretary_a, django_assert_num_queries):
    member_update(actor=system_user(), member=member_a1, notes="一")
    member_update(actor=system_user(), member=member_a1, organization=tree.town_a)
    member_update(actor=system_user(), member=member_a1, organization=tree.branch_a1)
    scope_paths(secretary_a)  # read once per request, cached on the user
    with django_assert_num_queries(2):
        member_history(user=secretary_a, member=member_a1)


def test_a_file_without_history_rows_has_an_empty_history(member_a1, secretary_a):
    """Files loaded in bulk (an import, the benchmark) may have no history yet."""
    member_a1.history.all().delete()

    assert member_history(user=secretary_a, member=member_a1) == []
