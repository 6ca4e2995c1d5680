"""Story 9's demo: the stations and 杨增奎's subsidies, loaded twice, change nothing the second
time."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.stations.demo import load_demo as load_stations
from services.stations.models import ServiceStation
from services.subsidies.demo import load_demo as load_subsidies
from services.subsidies.models import SubsidyApplication

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_demo_loads_once(demo):
    load_stations()
    load_subsidies()

    assert ServiceStation.objects.count() == 4
    assert SubsidyApplication.objects.count() == 2


def test_yang_has_last_year_paid_and_this_year_waiting(demo):
    year = timezone.localdate().year
    statuses = dict(
        SubsidyApplication.objects.filter(member__name="杨增奎").values_list("year", "status")
    )

    assert statuses == {year - 1: S.PAID, year: S.SUBMITTED}


def test_suzhou_station_is_run_by_the_city(demo):
    station = ServiceStation.objects.get(region_code="320505")

    assert station.organization.name == "中共西宁市委"
