"""Filling a row: validation naming the field, exact counters, one case per row."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection

from services.cases.models import ServiceCase
from services.needs import actions
from services.needs.models import NeedsEntry, NeedsRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_b1(opened, tree):
    return NeedsRound.objects.get(organization=tree.branch_b1)


def entry_of(needs_round, name) -> NeedsEntry:
    return needs_round.entries.get(member__name=name)


def counters(needs_round) -> tuple:
    needs_round.refresh_from_db()
    return (
        needs_round.asked_count,
        needs_round.unreachable_count,
        needs_round.needs_count,
        needs_round.cases_count,
    )


def fill(actor, entry, outcome, method="phone", needs="", category=""):
    return actions.needs_entry_fill(
        actor=actor, entry=entry, outcome=outcome, method=method, needs=needs, category=category
    )


def test_needs_counted(round_b1, receiving_b1):
    fill(receiving_b1, entry_of(round_b1, "马外出"), "needs", needs="孩子入学", category="children")
    assert counters(round_b1) == (1, 0, 1, 0)


def test_changing_the_outcome_moves_the_counts(round_b1, receiving_b1):
    entry = entry_of(round_b1, "马外出")
    fill(receiving_b1, entry, "unreachable", method="")
    fill(receiving_b1, entry, "needs", needs="工资被拖欠", category="unpaid_wages")
    fill(receiving_b1, entry, "no_needs")
    assert counters(round_b1) == (1, 0, 0, 0)


def test_filled_by_is_kept(round_b1, receiving_b1):
    entry = fill(receiving_b1, entry_of(round_b1, "马外出"), "no_needs")
    assert entry.filled_by == receiving_b1


def test_other_outcomes_clear_needs(round_b1, receiving_b1):
    entry = entry_of(round_b1, "马外出")
    fill(receiving_b1, entry, "needs", needs="孩子入学", category="children")
    entry = fill(receiving_b1, entry, "no_needs")
    assert (entry.needs, entry.category) == ("", "")


@pytest.mark.parametrize(
    ("outcome", "method", "needs", "category", "field"),
    [
        ("", "phone", "", "", "outcome"),
        ("asked", "phone", "", "", "outcome"),
        ("no_needs", "", "", "", "method"),
        ("no_needs", "pigeon", "", "", "method"),
        ("needs", "phone", "", "children", "needs"),
        ("needs", "phone", "孩子入学", "", "category"),
        ("needs", "phone", "孩子入学", "flying", "category"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    round_b1, receiving_b1, outcome, method, needs, category, field
):
    entry = entry_of(round_b1, "马外出")
    with pytest.raises(ValidationError) as error:
        fill(receiving_b1, entry, outcome, method, needs, category)
    entry.refresh_from_db()
    assert (field in error.value.message_dict, entry.outcome, counters(round_b1)) == (
        True,
        "",
        (0, 0, 0, 0),
    )


def test_unreachable_needs_no_method(round_b1, receiving_b1):
    fill(receiving_b1, entry_of(round_b1, "马外出"), "unreachable", method="")
    assert counters(round_b1) == (1, 1, 0, 0)


def test_outside_the_round_no_fill(round_b1, secretary_a):
    with pytest.raises(PermissionDenied):
        fill(secretary_a, entry_of(round_b1, "李建军"), "no_needs")


def test_a_viewer_fills_nothing(round_b1, viewer_b):
    with pytest.raises(PermissionDenied):
        fill(viewer_b, entry_of(round_b1, "马外出"), "no_needs")


def test_needs_become_a_case(round_b1, receiving_b1):
    entry = fill(
        receiving_b1, entry_of(round_b1, "马外出"), "needs", needs="孩子入学", category="children"
    )
    case = actions.needs_entry_to_case(actor=receiving_b1, entry=entry)
    assert (case.channel, case.category, case.description, list(case.members.all())) == (
        ServiceCase.Channel.NEEDS_ROUND,
        "children",
        "孩子入学",
        [entry.member],
    )


def test_second_click_gives_the_same_case(round_b1, receiving_b1):
    entry = fill(
        receiving_b1, entry_of(round_b1, "马外出"), "needs", needs="孩子入学", category="children"
    )
    first = actions.needs_entry_to_case(actor=receiving_b1, entry=entry)
    second = actions.needs_entry_to_case(actor=receiving_b1, entry=entry)
    assert (second, ServiceCase.objects.count(), counters(round_b1)[3]) == (first, 1, 1)


def test_hosted_member_case_handled_by_the_host(round_b1, receiving_b1, tree):
    entry = fill(
        receiving_b1,
        entry_of(round_b1, "李建军"),
        "needs",
        needs="工资被拖欠",
        category="unpaid_wages",
    )
    case = actions.needs_entry_to_case(actor=receiving_b1, entry=entry)
    assert case.organization == tree.branch_b1


def test_no_case_without_needs(round_b1, receiving_b1):
    entry = fill(receiving_b1, entry_of(round_b1, "马外出"), "no_needs")
    with pytest.raises(ValidationError):
        actions.needs_entry_to_case(actor=receiving_b1, entry=entry)


def test_long_needs_make_a_short_title(round_b1, receiving_b1):
    needs = "需要" * 40
    entry = fill(receiving_b1, entry_of(round_b1, "马外出"), "needs", needs=needs, category="other")
    case = actions.needs_entry_to_case(actor=receiving_b1, entry=entry)
    assert (len(case.title), case.description) == (30, needs)


def test_a_row_with_a_case_keeps_its_needs(round_b1, receiving_b1):
    entry = fill(
        receiving_b1, entry_of(round_b1, "马外出"), "needs", needs="孩子入学", category="children"
    )
    actions.needs_entry_to_case(actor=receiving_b1, entry=entry)
    with pytest.raises(ValidationError) as error:
        fill(receiving_b1, entry, "no_needs")
    assert "outcome" in error.value.message_dict


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_fills_keep_the_counts(tree, secretary_a, secretary_b, mobile_a_in_b, away_b):
    from tests.services.needs.conftest import MONTH

    actions.needs_rounds_open(actor=secretary_b, organization=tree.town_b, month=MONTH)
    needs_round = NeedsRound.objects.get(organization=tree.branch_b1)
    entries = list(needs_round.entries.all())

    def work(entry):
        try:
            for outcome in ("needs", "unreachable", "no_needs", "needs"):
                fill(secretary_b, entry, outcome, needs="孩子入学", category="children")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=work, args=(e,)) for e in entries * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counters(needs_round) == (2, 0, 2, 0)
