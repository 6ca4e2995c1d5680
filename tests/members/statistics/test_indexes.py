"""The statistics' counts read their covering indexes (PostgreSQL): with sequential scans
priced out the planner still finds them, the main table without touching the table."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.statistics import selectors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="plans of PostgreSQL (CI)"),
]
AS_OF = datetime.date(2026, 6, 30)


# The other indexes on the home path: on the test's few rows the planner may pick any of them.
OTHER_PATH_INDEXES = ("record_home_path", "record_home_destination")


def _plan(count, paths, *, only_covering: bool = False) -> str:
    """The plan of the one query ``count`` sends (``only_covering``: with the other indexes
    on the path dropped inside the test's transaction, so the plan shows whether the
    statistics' index covers the query)."""
    with CaptureQueriesContext(connection) as captured:
        count(paths=paths, as_of=AS_OF)
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for index in OTHER_PATH_INDEXES if only_covering else ():
            cursor.execute(f"DROP INDEX {index}")  # rolled back with the test
        cursor.execute("EXPLAIN " + query["sql"])
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_main_table_is_an_index_only_scan(world):
    plan = _plan(selectors.departure_groups, [world.tree.town_a.path], only_covering=True)
    assert "Index Only Scan using record_statistics" in plan, plan


def test_the_receiving_organisations_are_counted_from_their_index(world):
    plan = _plan(selectors.receiving_counts, [world.tree.city.path])
    assert "record_taken_in" in plan, plan


def test_the_mobile_organisations_members_are_counted_from_their_index(world):
    plan = _plan(selectors.mobile_organization_counts, [world.tree.city.path])
    assert "record_taken_in" in plan, plan
