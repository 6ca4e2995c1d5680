"""The case's core rules: who sees it, filing with a due date, the workflow's steps."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from members.workflow import TransitionError
from services.cases import actions
from services.cases.models import ServiceCase

pytestmark = pytest.mark.django_db
FRIDAY = datetime.datetime(2026, 9, 25, 10, tzinfo=datetime.UTC)


@pytest.fixture
def case_b(tree, secretary_b, member_b1, mobile_a_in_b):
    """刘德花 files a wage case for 肖双强 (home B1) and 李建军 (home A1, hosted in B1)."""
    return actions.case_file(
        actor=secretary_b,
        organization=tree.town_b,
        members=[member_b1, mobile_a_in_b],
        category="unpaid_wages",
        title="拖欠工资",
        description="工地拖欠 25 名工人工资",
    )


def visible(user) -> list[str]:
    return list(ServiceCase.objects.visible_to(user).values_list("title", flat=True))


def test_handling_subtree_and_the_members_home_branches_see_the_case(
    case_b, secretary_a, officer_a1, viewer_b, outsider
):
    # A sees it through 李建军's home; B's viewer through the handling subtree.
    assert [visible(u) for u in (secretary_a, officer_a1, viewer_b, outsider)] == [
        ["拖欠工资"],
        ["拖欠工资"],
        ["拖欠工资"],
        [],
    ]


def test_only_the_handling_subtree_handles_the_case(case_b, secretary_a):
    with pytest.raises(PermissionDenied):
        actions.case_step(actor=secretary_a, case=case_b, step="accept")


@time_machine.travel(FRIDAY, tick=False)
def test_the_due_date_counts_working_days_over_the_holidays(tree, secretary_b, member_b1):
    # Filed on Friday 25 September 2026: 10 working days skip the Mid-autumn and National Day
    # holidays (25 Sep – 7 Oct), and Saturday 10 October is worked in exchange.
    case = actions.case_file(
        actor=secretary_b,
        organization=tree.town_b,
        members=[member_b1],
        category="unpaid_wages",
        title="工资",
        description="欠薪",
    )
    assert case.due_on == datetime.date(2026, 10, 15)


@time_machine.travel(FRIDAY, tick=False)
def test_a_due_date_on_a_holiday_is_refused_and_nothing_is_filed(tree, secretary_b, member_b1):
    with pytest.raises(ValidationError) as error:
        actions.case_file(
            actor=secretary_b,
            organization=tree.town_b,
            members=[member_b1],
            category="policy",
            title="咨询",
            description="社保政策",
            due_on=datetime.date(2026, 10, 2),
        )
    assert (list(error.value.message_dict), ServiceCase.objects.count()) == (["due_on"], 0)


def test_the_workflow_runs_to_closing_with_feedback(case_b, secretary_b):
    for step, text in (("accept", ""), ("start", ""), ("resolve", "工资已追回")):
        actions.case_step(actor=secretary_b, case=case_b, step=step, text=text)
    actions.case_step(actor=secretary_b, case=case_b, step="close", text="满意", satisfaction=5)
    case_b.refresh_from_db()
    assert (case_b.status, case_b.satisfaction, case_b.events.count()) == ("closed", 5, 5)


def test_closing_without_a_resolution_is_refused_and_changes_nothing(case_b, secretary_b):
    actions.case_step(actor=secretary_b, case=case_b, step="accept")
    with pytest.raises(TransitionError):
        actions.case_step(actor=secretary_b, case=case_b, step="close", satisfaction=5)
    case_b.refresh_from_db()
    assert (case_b.status, case_b.events.count()) == ("accepted", 2)


def test_resolving_needs_the_resolution_written(case_b, secretary_b):
    actions.case_step(actor=secretary_b, case=case_b, step="accept")
    with pytest.raises(ValidationError) as error:
        actions.case_step(actor=secretary_b, case=case_b, step="resolve")
    case_b.refresh_from_db()
    assert (list(error.value.message_dict), case_b.status) == (["resolution"], "accepted")


def test_handing_over_moves_who_handles_it(case_b, secretary_b, receiving_b1, tree):
    actions.case_handover(
        actor=secretary_b, case=case_b, organization=tree.branch_b1, reason="由流动党员党支部跟进"
    )
    case_b.refresh_from_db()
    actions.case_step(actor=receiving_b1, case=case_b, step="accept")
    assert (case_b.handling_path, case_b.events.last().kind) == (tree.branch_b1.path, "step")
