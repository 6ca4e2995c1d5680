"""The home dashboard in Chromium: 城中区委组织部 (a read-only viewer) sees the district's figures
only, counted as the database counts them, and the charts drawn as SVG on the server; a
screenshot is kept under tests/artifacts/ (CI keeps it as an artifact; not committed)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.mobility.models import MobileRecord
from members.organizations.models import Organization
from services.cases.models import ServiceCase
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def district(transactional_db):
    load_demo()
    return Organization.objects.get(name="中共西宁市城中区委").path


def _expected(path: str) -> dict[str, int]:
    """The district's figures counted straight from the tables (not through the dashboard)."""
    records = MobileRecord.objects.filter(status__in=MobileRecord.AWAY_STATUSES)
    cases = ServiceCase.objects.filter(status__in=ServiceCase.OPEN_STATUSES)
    handled = cases.filter(handling_path__startswith=path)
    of_members = cases.filter(case_members__home_path__startswith=path)
    return {
        "categories": records.filter(
            home_path__startswith=path, outflow_organization__isnull=False
        ).count(),
        "inbox": MobileRecord.objects.filter(
            status=MobileRecord.Status.WAITING, host_path__startswith=path
        ).count(),
        "cases_open": (handled | of_members).distinct().count(),
    }


def test_the_district_viewer_sees_the_district_and_its_charts(page, district):
    expected = _expected(district)
    assert (
        expected["categories"]
        < MobileRecord.objects.filter(
            status__in=MobileRecord.AWAY_STATUSES, outflow_organization__isnull=False
        ).count()
    )  # the city has more: the district's figure is not the city's

    log_in(page, "czq_zzb", DEMO_PASSWORD)

    expect(page.locator("#dashboard-scope")).to_contain_text("中共西宁市城中区委")
    shown = {
        key: int(page.locator(f"#figure-{key}").get_attribute("data-count")) for key in expected
    }
    assert shown == expected
    chart = page.locator("#chart-provinces svg[role=img]")
    expect(chart).to_be_visible()
    expect(page.locator("#chart-provinces .chart-bar").first).to_be_visible()
    page.locator("#chart-provinces summary").click()
    expect(page.locator("#chart-provinces table")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
