"""Service stations: the actions' checks, the directory and station pages, the API, and the
member's phone-page section."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members.links.actions import link_issue
from members.links.registry import sections_for
from services.stations import actions, selectors
from services.stations.links import station_section
from services.stations.models import ServiceStation
from tests.factories import make_member, make_record, system_user

pytestmark = pytest.mark.django_db


def fields(**overrides) -> dict:
    data = {
        "name": "南滩街道流动党员服务站",
        "level": "subdistrict",
        "region_code": "630103",
        "address": "西宁市城中区南滩街道党群服务中心",
        "opening_hours": "周一至周五 9:00-17:00",
        "contact_person": "刘德花",
        "contact_phone": "0971-8123456",
        "services": ["jobs", "policy"],
        "active": True,
    }
    return {**data, **overrides}


@pytest.fixture
def station_b(tree, secretary_b):
    return actions.station_create(actor=secretary_b, organization=tree.town_b, **fields())


def test_create_keeps_the_services_in_list_order(station_b):
    assert station_b.services == ["policy", "jobs"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("region_code", "12345"), ("contact_phone", "abc"), ("services", []), ("services", ["x"])],
)
def test_bad_input_names_the_field_and_saves_nothing(tree, secretary_b, field, value):
    with pytest.raises(ValidationError) as error:
        actions.station_create(
            actor=secretary_b, organization=tree.town_b, **fields(**{field: value})
        )

    assert field in error.value.message_dict
    assert not ServiceStation.objects.exists()


def test_only_the_running_subtree_writes(station_b, secretary_a, viewer_b):
    for user in (secretary_a, viewer_b):
        with pytest.raises(PermissionDenied):
            actions.station_update(actor=user, station=station_b, opening_hours="每天")
    station_b.refresh_from_db()
    assert station_b.opening_hours == "周一至周五 9:00-17:00"


def test_close_takes_the_station_off_the_directory(station_b, secretary_b, secretary_a):
    actions.station_close(actor=secretary_b, station=station_b)

    assert not selectors.station_directory(user=secretary_a).exists()


def test_directory_filters_by_region_and_service(station_b, tree, secretary_a):
    actions.station_create(
        actor=secretary_a,
        organization=tree.town_a,
        **fields(name="大街站", region_code="630102", services=["skills"]),
    )

    by_region = selectors.station_directory(user=secretary_a, region="630103")
    by_service = selectors.station_directory(user=secretary_a, service="skills")
    assert [s.name for s in by_region] == ["南滩街道流动党员服务站"]
    assert [s.name for s in by_service] == ["大街站"]


def test_outsider_reads_no_station(station_b, outsider):
    assert not selectors.station_queryset(user=outsider).exists()


def test_directory_page_lists_for_every_role(client, station_b, secretary_a, tree):
    client.force_login(secretary_a)

    answer = client.get(reverse("services:stations:station_list"), {"region": "630103"})

    assert answer.status_code == 200
    assert "南滩街道流动党员服务站" in answer.content.decode()


def test_directory_query_count_is_constant(
    client, tree, secretary_b, django_assert_max_num_queries
):
    for number in range(5):
        actions.station_create(
            actor=secretary_b, organization=tree.town_b, **fields(name=f"站{number}")
        )
    client.force_login(secretary_b)

    with django_assert_max_num_queries(10):
        client.get(reverse("services:stations:station_list"))


def test_station_page_counts_open_cases_the_reader_may_see(client, station_b, secretary_a):
    client.force_login(secretary_a)

    answer = client.get(reverse("services:stations:station_detail", args=[station_b.pk]))

    assert answer.context["open_cases"] == 0
    assert answer.context["can_edit"] is False


def test_station_page_is_404_for_an_outsider(client, station_b, outsider):
    client.force_login(outsider)

    answer = client.get(reverse("services:stations:station_detail", args=[station_b.pk]))

    assert answer.status_code == 404


def test_edit_page_saves_through_the_action(client, station_b, secretary_b):
    client.force_login(secretary_b)
    data = {**fields(opening_hours="每天 8:00-20:00"), "active": "on"}

    answer = client.post(reverse("services:stations:station_edit", args=[station_b.pk]), data)

    assert answer.status_code == 302
    station_b.refresh_from_db()
    assert station_b.opening_hours == "每天 8:00-20:00"


def test_form_shows_a_bad_region_on_its_field(client, tree, secretary_b):
    client.force_login(secretary_b)
    data = {**fields(region_code="999999"), "organization": tree.town_b.pk}

    answer = client.post(reverse("services:stations:station_create"), data)

    assert "region_code" in answer.context["form"].errors
    assert not ServiceStation.objects.exists()


def test_api_creates_and_refuses_a_reader(client, tree, secretary_b, viewer_b):
    client.force_login(secretary_b)
    url = "/api/v1/services/stations/"

    created = client.post(
        url, {**fields(), "organization": tree.town_b.pk}, content_type="application/json"
    )
    client.force_login(viewer_b)
    refused = client.patch(
        f"{url}{created.json()['id']}/", {"name": "改名"}, content_type="application/json"
    )

    assert created.status_code == 201
    assert refused.status_code == 403
    assert ServiceStation.objects.get().name == "南滩街道流动党员服务站"


def test_api_lists_by_service(client, station_b, secretary_a):
    client.force_login(secretary_a)

    answer = client.get("/api/v1/services/stations/", {"service": "rights"})

    assert answer.json()["results"] == []


def test_phone_section_lists_the_stations_where_the_member_lives(tree, station_b):
    member = make_member(tree.branch_b1, name="肖双强")

    sections = station_section(member, today=None)

    assert [item.title for item in sections[0].items] == ["南滩街道流动党员服务站"]


def test_phone_section_follows_the_mobile_record_destination(tree, station_b):
    member = make_member(tree.branch_a1, name="张善强")  # home: 城东区 (630102)
    make_record(member, destination_region_code="630103")

    items = station_section(member, today=None)[0].items

    assert items[0].url == f"station/{station_b.pk}/"


def test_phone_section_is_absent_without_an_open_station_nearby(tree, station_b, secretary_b):
    member = make_member(tree.branch_b1, name="肖双强")
    actions.station_close(actor=secretary_b, station=station_b)

    assert station_section(member, today=None) == []


def test_phone_page_shows_the_station_and_its_number(client, tree, station_b):
    member = make_member(tree.branch_b1, name="肖双强")
    items = [i for s in sections_for(member, today=datetime.date(2026, 11, 27)) for i in s.items]
    path = link_issue(actor=system_user(), member=member).path

    page = client.get(f"{path}station/{station_b.pk}/")

    assert "南滩街道流动党员服务站" in [item.title for item in items]
    assert 'href="tel:0971-8123456"' in page.content.decode()


def test_phone_page_of_a_station_elsewhere_is_404(client, tree, secretary_a):
    far = actions.station_create(
        actor=secretary_a,
        organization=tree.town_a,
        **fields(name="苏州站", region_code="320505"),
    )
    member = make_member(tree.branch_b1, name="肖双强")

    path = link_issue(actor=system_user(), member=member).path

    page = client.get(f"{path}station/{far.pk}/")

    assert page.status_code == 404
