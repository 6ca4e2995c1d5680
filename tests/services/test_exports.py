"""The service chain's list exports: each holds what its page lists with the same filters, in
the same order and scope; every column has a value (ID numbers only masked, through the row's
member); 50 rows cost a constant number of queries; each list page shows the export button."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from members.downloads import registry
from services.care import actions as care
from services.care.models import CareCampaign, CareRecord
from services.cases import actions as cases
from services.cases.models import CaseMember, ServiceCase
from services.needs import actions as needs
from services.needs.models import NeedsRound
from services.stations import actions as stations
from services.stations.models import ServiceStation
from services.subsidies import actions as subsidies
from services.subsidies.models import SubsidyApplication
from tests.export_rows import cells, column, export_button, rows_of
from tests.factories import make_member, make_organization

pytestmark = pytest.mark.django_db
D = datetime.date
OCTOBER = D(2026, 10, 1)


# --- Two towns' rows ------------------------------------------------------------------------


def file_case(user, organization, members, category="unpaid_wages", title="拖欠工资"):
    return cases.case_file(
        actor=user,
        organization=organization,
        members=members,
        category=category,
        title=title,
        description="工地拖欠工人工资",
    )


def station_fields(name: str, region_code: str, services: list[str]) -> dict:
    return {
        "name": name,
        "level": "subdistrict",
        "region_code": region_code,
        "address": "党群服务中心",
        "opening_hours": "周一至周五 9:00-17:00",
        "contact_person": "刘德花",
        "contact_phone": "0971-8123456",
        "services": services,
        "active": True,
    }


def campaign(user, organization, name):
    return care.care_campaign_create(
        actor=user,
        organization=organization,
        name=name,
        holiday="spring_festival",
        focus="all",
        starts_on=D(2026, 11, 1),
        ends_on=D(2027, 2, 20),
    )


def care_record(user, organization, member, kind):
    return care.care_record_add(
        actor=user,
        member=member,
        kind=kind,
        on_date=D(2026, 10, 8),
        description="走访慰问",
        organization=organization,
    )


@pytest.fixture
def world(tree, secretary_a, secretary_b, member_a1, member_b1):
    fellow = make_member(tree.branch_a1, name="王文春")
    away_a = make_member(tree.branch_a1, name="曹忠海", status="mobile")
    away_b = make_member(tree.branch_b1, name="马外出", status="mobile")
    for user, town in ((secretary_a, tree.town_a), (secretary_b, tree.town_b)):
        needs.needs_rounds_open(actor=user, organization=town, month=OCTOBER)
    needs.needs_rounds_open(actor=secretary_a, organization=tree.town_a, month=D(2026, 9, 1))
    return {
        "cases": {
            "a": file_case(secretary_a, tree.town_a, [member_a1]),
            "a_land": file_case(secretary_a, tree.town_a, [member_a1], "land_lease", "土地流转"),
            "a_group": file_case(secretary_a, tree.town_a, [member_a1, fellow], title="集体欠薪"),
            "b": file_case(secretary_b, tree.town_b, [member_b1]),
        },
        "needs_rounds": {
            "a": NeedsRound.objects.get(month=OCTOBER, organization=away_a.organization),
            "b": NeedsRound.objects.get(month=OCTOBER, organization=away_b.organization),
        },
        "stations": {
            "a": stations.station_create(
                actor=secretary_a,
                organization=tree.town_a,
                **station_fields("大街站", "630102", ["skills"]),
            ),
            "b": stations.station_create(
                actor=secretary_b,
                organization=tree.town_b,
                **station_fields("南滩站", "630103", ["jobs", "policy"]),
            ),
        },
        "care_campaigns": {
            "a": campaign(secretary_a, tree.town_a, "大街春节走访"),
            "b": campaign(secretary_b, tree.town_b, "南滩春节走访"),
        },
        "care_records": {
            "a": care_record(secretary_a, tree.town_a, member_a1, "hospital_visit"),
            "a_holiday": care_record(secretary_a, tree.town_a, member_a1, "holiday_visit"),
            "b": care_record(secretary_b, tree.town_b, member_b1, "hospital_visit"),
        },
        "subsidies": {
            "a": subsidies.subsidy_apply(
                actor=secretary_a, member=member_a1, reason="家庭困难", amount="800", year=2026
            ),
            "b": subsidies.subsidy_apply(
                actor=secretary_b, member=member_b1, reason="因病致贫", amount="600", year=2026
            ),
        },
    }


# The needs list shows this month without a month chosen: the tests' rounds are October's.
QUERY = {"needs_rounds": "month=2026-10"}


def listed(context) -> list:
    return context["page"].items


# Each export: its page, a filter the page offers, and how the page's context lists its rows.
PAGES = {
    "cases": ("services:cases:case_list", "category=unpaid_wages", listed),
    "needs_rounds": ("services:needs:round_list", "month=2026-10", listed),
    "stations": (
        "services:stations:station_list",
        "service=skills",
        lambda context: [station for station, _ in context["rows"]],
    ),
    "care_campaigns": ("services:care:campaign_list", "", listed),
    "care_records": ("services:care:record_list", "kind=hospital_visit", listed),
    "subsidies": ("services:subsidies:subsidy_list", "status=submitted", listed),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_export_holds_the_pages_rows_in_its_order(client, world, secretary_a, name):
    url, query, rows = PAGES[name]
    client.force_login(secretary_a)
    page = client.get(f"{reverse(url)}?{query}")

    exported = [row.pk for row in rows_of(name, secretary_a, query)]

    assert exported == [row.pk for row in rows(page.context)]


@pytest.mark.parametrize("name", sorted(set(PAGES) - {"stations"}))
def test_the_export_leaves_out_the_other_towns_rows(world, secretary_a, name):
    exported = [row.pk for row in rows_of(name, secretary_a)]

    assert world[name]["b"].pk not in exported


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("cases", "category=unpaid_wages", ["a_group", "a"]),
        ("cases", "q=土地", ["a_land"]),
        ("needs_rounds", "month=2026-10", ["a"]),
        ("stations", "service=jobs", ["b"]),  # a directory: every secretary reads it
        ("care_records", "kind=hospital_visit", ["a"]),
        ("subsidies", "status=submitted&year=2026", ["a"]),
    ],
)
def test_the_export_keeps_the_pages_filter(world, secretary_a, name, query, expected):
    exported = [row.pk for row in rows_of(name, secretary_a, query)]

    assert exported == [world[name][key].pk for key in expected]


def test_the_needs_export_without_a_month_has_this_months_rounds(world, secretary_a):
    assert rows_of("needs_rounds", secretary_a) == []  # none opened for this month


def test_an_outsider_exports_no_station(world, outsider):
    assert rows_of("stations", outsider) == []


@pytest.mark.parametrize("name", PAGES)
def test_every_column_has_a_value_for_every_row(world, secretary_a, name):
    rows = rows_of(name, secretary_a, QUERY.get(name, ""))
    width = len(registry.get(name).columns) + 1

    assert [len(row) for row in cells(name, rows)] == [width] * len(rows) != []


@pytest.mark.parametrize(
    ("name", "key", "header", "expected"),
    [
        ("cases", "a_group", "Members concerned", "张善强 and others (2 in all)"),
        ("cases", "a", "Members concerned", "张善强"),
        ("cases", "a", "Category", "Unpaid wages"),
        ("cases", "a", "Overdue", "No"),
        ("needs_rounds", "a", "Month", "2026-10"),
        ("needs_rounds", "a", "Number of members", 1),
        ("stations", "b", "Services offered", "Policy advice、Job information"),
        ("care_campaigns", "a", "Starts on", D(2026, 11, 1)),
        ("care_records", "a", "Cared for", "The member in person"),
        ("care_records", "a", "Member's branch", "大街社区党支部"),
        ("subsidies", "a", "Amount (yuan)", Decimal("800.00")),
        ("subsidies", "a", "Decided by", "大街街道党工委"),
        ("subsidies", "a", "Status", "Awaiting approval"),
    ],
)
def test_a_column_says_what_the_page_says(world, secretary_a, name, key, header, expected):
    wanted = world[name][key].pk
    row = next(row for row in rows_of(name, secretary_a, QUERY.get(name, "")) if row.pk == wanted)

    with translation.override("en"):
        assert column(name, header, row) == expected


@pytest.mark.parametrize("name", ["care_records", "subsidies"])
def test_the_member_is_given_and_only_the_id_column_holds_the_masked_number(
    world, secretary_a, member_a1, name
):
    export = registry.get(name)
    row = next(row for row in rows_of(name, secretary_a) if row.pk == world[name]["a"].pk)
    holding = [c for c in export.columns if c.value(row) == member_a1.id_number_masked]

    assert export.member(row) == member_a1
    assert [c.id_number for c in holding] == [True]


# --- Fifty rows -----------------------------------------------------------------------------


@pytest.fixture
def fifty(tree, secretary_a, member_a1):
    """Fifty of each list's rows in town A (the rounds: fifty branches' rounds of a month)."""
    town, user, n = tree.town_a, secretary_a, range(50)
    filed = ServiceCase.objects.bulk_create(
        ServiceCase(
            title=f"诉求{i}",
            description="诉求",
            category="jobs",
            organization=town,
            handling_path=town.path,
            due_on=D(2026, 12, 31),
        )
        for i in n
    )
    CaseMember.objects.bulk_create(
        CaseMember(case=case, member=member_a1, home_path=member_a1.home_path) for case in filed
    )
    branches = [make_organization(f"第{i}支部", parent=town, kind="branch") for i in n]
    NeedsRound.objects.bulk_create(
        NeedsRound(organization=b, path=b.path, month=OCTOBER, due_on=D(2026, 10, 23))
        for b in branches
    )
    ServiceStation.objects.bulk_create(
        ServiceStation(organization=town, **station_fields(f"站{i}", "630102", ["jobs"])) for i in n
    )
    CareCampaign.objects.bulk_create(
        CareCampaign(
            organization=town,
            path=town.path,
            name=f"走访{i}",
            holiday="spring_festival",
            focus="all",
            starts_on=D(2026, 11, 1),
            ends_on=D(2027, 2, 20),
            created_by=user,
        )
        for i in n
    )
    CareRecord.objects.bulk_create(
        CareRecord(
            member=member_a1,
            organization=town,
            kind="hospital_visit",
            on_date=D(2026, 10, 8),
            description="住院看望",
            created_by=user,
        )
        for i in n
    )
    SubsidyApplication.objects.bulk_create(
        SubsidyApplication(
            member=member_a1,
            organization=tree.branch_a1,
            approver=town,
            approver_path=town.path,
            year=2026,
            reason="家庭困难",
            amount=Decimal(500),
            submitted_by=user,
        )
        for i in n
    )


# Queries for the whole export: the user's scope paths, the filter form's choices where it has
# some (the care records' branch), and the rows with everything their columns read.
QUERIES = {
    "cases": 2,
    "needs_rounds": 2,
    "stations": 2,
    "care_campaigns": 3,
    "care_records": 2,
    "subsidies": 2,
}


@pytest.mark.parametrize("name", PAGES)
def test_fifty_rows_cost_a_constant_number_of_queries(
    fifty, secretary_a, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(QUERIES[name]):
        rows = rows_of(name, secretary_a, QUERY.get(name, ""))
        cells(name, rows)

    assert len(rows) == 50


# --- The button -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_page_shows_the_button_with_its_filters(client, secretary_a, tree, name):
    url = PAGES[name][0]
    client.force_login(secretary_a)

    answer = client.get(f"{reverse(url)}?year=2026")

    assert export_button(name, "year=2026") in answer.content.decode()
