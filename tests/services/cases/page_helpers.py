"""Fixtures shared by the case pages' tests (imported by them, so no conftest is shared with
the cases API's tests)."""

import pytest

from services.cases import actions


def file_case(secretary, organization, members, **fields):
    fields.setdefault("category", "unpaid_wages")
    fields.setdefault("title", "拖欠工资")
    fields.setdefault("description", "工地拖欠工资")
    return actions.case_file(actor=secretary, organization=organization, members=members, **fields)


@pytest.fixture(name="case_b")
def case_b_fixture(tree, secretary_b, member_b1, mobile_a_in_b):
    """刘德花 files a wage case for 肖双强 (home B1) and 李建军 (home A1, hosted in B1)."""
    return file_case(secretary_b, tree.town_b, [member_b1, mobile_a_in_b])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
