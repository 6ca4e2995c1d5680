"""Acceptance story 9 (the stations' part for requests) in Chromium: 刘德花 routes the wage
request of 肖双强 and his fellow workers to the rights-protection station at 南滩街道's
党群服务中心; the station of the members' own district is offered first, and the list shows
where the request went. On a 375-px phone.
"""

import pytest
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD, load_demo
from members.organizations.models import Organization
from services.cases.demo import WAGES_TITLE
from services.cases.models import ServiceCase
from services.stations.models import ServiceStation
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEAR = "南滩街道流动党员服务站（故事九）"
FAR = "大街街道流动党员服务站（故事九）"


def station(organization_name: str, name: str, region: str) -> ServiceStation:
    """The stations topic's demo may add its own; the test makes the two it needs."""
    return ServiceStation.objects.create(
        organization=Organization.objects.get(name=organization_name),
        name=name,
        level="subdistrict",
        region_code=region,
        address="党群服务中心一楼",
        opening_hours="工作日 9:00–17:30",
        contact_person="苏文华",
        contact_phone="0971-8123456",
        services=["rights", "policy"],
    )


@pytest.fixture
def wage_case(transactional_db):
    load_demo()
    # The far one (城东区) sorts before 城中区 by region: the members' district must still lead.
    station("大街街道党工委", FAR, "630102")
    station("南滩街道党工委", NEAR, "630103")
    return ServiceCase.objects.get(title=WAGES_TITLE)


def test_story_9_a_request_routed_to_a_service_station(phone_page, wage_case):
    page = phone_page
    log_in(page, "liudehua", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/services/cases/{wage_case.pk}/")
    page.click("#station summary")
    options = page.locator("#station_station option")
    expect(options.nth(1)).to_have_text(NEAR)
    page.select_option("#station_station", label=NEAR)
    page.click("#station-form button[type=submit]")
    expect(page.locator("#case-station")).to_have_text(NEAR)
    expect(page.locator("#case-timeline")).to_contain_text(NEAR)

    page.goto(f"{page.base_url}/services/cases/")
    row = page.locator("#case-list tr", has_text=WAGES_TITLE)
    expect(row).to_contain_text(NEAR)
    wage_case.refresh_from_db()
    assert wage_case.station.name == NEAR
