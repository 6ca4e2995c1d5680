"""The counts are cached per organisation and year, and counted afresh after a change."""

import pytest
from django.utils import timezone

from members.mobility.actions import mobile_record_end
from members.organizations.actions import organization_move, organization_update
from members.statistics.selectors import statistics_table
from services.stations.actions import station_create
from tests.factories import system_user
from tests.members.statistics.conftest import away

pytestmark = pytest.mark.django_db


def table(organization):
    today = timezone.localdate()
    return statistics_table(organization=organization, year=today.year, today=today)


def total(organization) -> int:
    return table(organization).lines[0].values[0]


def test_a_second_page_reads_nothing_from_the_database(tree, django_assert_num_queries):
    away(tree.branch_a1)
    table(tree.town_a)
    with django_assert_num_queries(0):
        table(tree.town_a)


def test_a_new_registration_is_counted_at_once(tree):
    away(tree.branch_a1)
    total(tree.city)
    away(tree.branch_a1)
    assert total(tree.city) == 2


def test_an_ended_period_leaves_the_cached_table(tree):
    record = away(tree.branch_a1)
    total(tree.town_a)
    mobile_record_end(actor=system_user(), record=record, end_reason="returned_home")
    assert total(tree.town_a) == 0


def test_a_change_elsewhere_keeps_the_cached_table(tree, django_assert_num_queries):
    away(tree.branch_a1)
    table(tree.town_a)
    away(tree.branch_b1)
    with django_assert_num_queries(0):
        table(tree.town_a)


def test_an_organisation_set_up_for_mobile_members_is_counted_at_once(tree):
    table(tree.town_b)
    organization_update(actor=system_user(), organization=tree.town_b, for_mobile_members=True)
    parts = {part["key"]: part for part in table(tree.city).supplement}
    # 南滩街道党工委 (a 党委) and B1 (a 支部).
    assert parts["mobile_organizations"]["rows"][0]["values"] == [2, 1, 0, 1]


def test_the_cache_is_renewed_after_the_transaction_commits(
    tree, django_capture_on_commit_callbacks
):
    total(tree.town_a)
    with django_capture_on_commit_callbacks(execute=True):
        away(tree.branch_a1)
    assert total(tree.town_a) == 1


def test_a_new_service_station_is_counted_at_once(tree):
    table(tree.town_a)
    station_create(
        actor=system_user(),
        organization=tree.town_a,
        name="大街站",
        level="subdistrict",
        region_code="630102",
        address="党群服务中心",
        opening_hours="9:00-17:00",
        contact_person="值班员",
        contact_phone="13909710001",
        services=["policy"],
    )
    parts = {part["key"]: part for part in table(tree.town_a).supplement}
    assert parts["service_stations"]["rows"][0]["values"][0] == 1


def test_a_moved_branch_counts_for_its_new_town(tree):
    away(tree.branch_a1)
    total(tree.town_b)
    organization_move(actor=system_user(), organization=tree.branch_a1, parent=tree.town_b)
    assert total(tree.town_b) == 1
