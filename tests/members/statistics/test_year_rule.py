"""Who counts for a past year: away on 31 December (registered by then, departed by then, not
ended by then); the current year: as of today."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from members.mobility.actions import mobile_record_end
from members.mobility.models import MobileRecord
from members.statistics.selectors import statistics_as_of, statistics_table
from tests.factories import system_user
from tests.members.statistics.conftest import away

pytestmark = pytest.mark.django_db

D = datetime.date
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
ENTERED_2025 = datetime.datetime(2025, 6, 1, 9, tzinfo=ZONE)


def backdate(record, moment=ENTERED_2025):
    MobileRecord.objects.filter(pk=record.pk).update(created_at=moment)
    return record


def ended(record, on: datetime.date):
    return mobile_record_end(
        actor=system_user(), record=record, end_reason="returned_home", ended_on=on
    )


def total(organization, year: int) -> int:
    table = statistics_table(organization=organization, year=year, today=timezone.localdate())
    return table.lines[0].values[0]


def test_away_all_year_counts(tree):
    backdate(away(tree.branch_a1, departure_date=D(2025, 3, 1)))
    assert total(tree.town_a, 2025) == 1


def test_returned_before_the_year_end_is_not_counted(tree):
    backdate(ended(away(tree.branch_a1, departure_date=D(2025, 3, 1)), D(2025, 12, 20)))
    assert total(tree.town_a, 2025) == 0


def test_returned_on_the_last_day_is_not_counted(tree):
    backdate(ended(away(tree.branch_a1, departure_date=D(2025, 3, 1)), D(2025, 12, 31)))
    assert total(tree.town_a, 2025) == 0


def test_returned_after_the_year_end_counts_for_that_year(tree):
    backdate(ended(away(tree.branch_a1, departure_date=D(2025, 3, 1)), D(2026, 2, 1)))
    assert total(tree.town_a, 2025) == 1


def test_departed_after_the_year_end_is_not_counted(tree):
    backdate(away(tree.branch_a1, departure_date=D(2026, 1, 5)))
    assert total(tree.town_a, 2025) == 0


def test_registered_after_the_year_end_is_not_counted(tree):
    late = datetime.datetime(2026, 1, 10, 9, tzinfo=ZONE)
    backdate(away(tree.branch_a1, departure_date=D(2025, 3, 1)), late)
    assert total(tree.town_a, 2025) == 0


def test_registered_late_on_new_years_eve_counts(tree):
    evening = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=ZONE)
    backdate(away(tree.branch_a1, departure_date=D(2025, 3, 1)), evening)
    assert total(tree.town_a, 2025) == 1


def test_the_current_year_is_counted_as_of_today():
    today = D(2026, 11, 28)
    assert statistics_as_of(year=2026, today=today) == today


def test_a_past_year_is_counted_as_of_new_years_eve():
    assert statistics_as_of(year=2025, today=D(2026, 11, 28)) == D(2025, 12, 31)
