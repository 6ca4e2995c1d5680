"""Opening a month's rounds: one per organisation managing mobile members, one row each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from services.needs import actions
from services.needs.models import NeedsEntry, NeedsRound
from tests.services.needs.conftest import MONTH

pytestmark = pytest.mark.django_db


def rows(organization) -> list[str]:
    entries = NeedsEntry.objects.filter(round__organization=organization, round__month=MONTH)
    return sorted(entries.values_list("member__name", flat=True))


def test_home_branch_lists_its_outflow_members(opened, tree):
    assert rows(tree.branch_a1) == ["李建军"]


def test_hosting_branch_lists_those_taken_in_and_its_own_away(opened, tree):
    assert rows(tree.branch_b1) == ["李建军", "马外出"]


def test_members_at_home_get_no_round(opened, tree):
    assert not NeedsRound.objects.filter(organization__in=[tree.town_a, tree.town_b]).exists()


def test_member_count_is_the_rows(opened, tree):
    assert NeedsRound.objects.get(organization=tree.branch_b1).members_count == 2


def test_paths_are_kept(opened, tree):
    assert set(
        NeedsEntry.objects.filter(round__organization=tree.branch_b1).values_list("path", flat=True)
    ) == {tree.branch_b1.path}


def test_due_on_the_last_working_day_up_to_the_25th(opened):
    # 25 November 2026 is a Wednesday.
    assert NeedsRound.objects.first().due_on == datetime.date(2026, 11, 25)


def test_due_before_a_weekend_25th():
    # 25 October 2026 is a Sunday; Saturday 24th is no working day either.
    assert actions.due_on_for(datetime.date(2026, 10, 1)) == datetime.date(2026, 10, 23)


def test_opening_again_adds_nothing(opened, tree, secretary_b):
    again = actions.needs_rounds_open(actor=secretary_b, organization=tree.town_b, month=MONTH)
    assert again == {"rounds": 0, "entries": 0}


def test_opening_again_adds_only_new_mobile_members(opened, tree, secretary_b):
    from tests.factories import make_external_organization, make_member, make_record

    newcomer = make_member(tree.branch_b1, name="新外出")
    make_record(newcomer, inflow_external=make_external_organization(name="深圳某党支部"))
    again = actions.needs_rounds_open(actor=secretary_b, organization=tree.town_b, month=MONTH)
    assert (again, NeedsRound.objects.get(organization=tree.branch_b1).members_count) == (
        {"rounds": 0, "entries": 1},
        3,
    )


def test_the_opener_must_write_the_organisation(tree, secretary_a, away_b):
    with pytest.raises(PermissionDenied):
        actions.needs_rounds_open(actor=secretary_a, organization=tree.town_b, month=MONTH)


def test_a_viewer_opens_nothing(tree, viewer_b, away_b):
    with pytest.raises(PermissionDenied):
        actions.needs_rounds_open(actor=viewer_b, organization=tree.county_b, month=MONTH)


def test_any_day_means_its_month(tree, secretary_b, away_b):
    actions.needs_rounds_open(
        actor=secretary_b, organization=tree.town_b, month=datetime.date(2026, 11, 17)
    )
    assert NeedsRound.objects.get().month == MONTH
