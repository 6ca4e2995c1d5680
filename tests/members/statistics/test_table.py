"""Every cell of the table and its supplement, for a known world; scoping by subtree."""

import pytest
from django.utils import timezone

from members.statistics.layout import DESTINATION, GROUPS, OF_WHICH
from members.statistics.selectors import statistics_table
from services.stations.actions import station_close, station_create
from tests.factories import system_user

pytestmark = pytest.mark.django_db

ZERO = [0] * 9
# Columns: total, then 公有经济企事业单位管理人员专业技术人员 · 工勤技能人员 · 农牧渔民 ·
# 未就业的高校毕业生 · 中介组织从业人员 · 执业律师 · 会计师 · 其他.
TOWN_A = {
    "total": [9, 1, 1, 2, 1, 1, 1, 1, 1],
    "cross_province": [2, 0, 0, 1, 1, 0, 0, 0, 0],
    "within_province": [2, 1, 0, 0, 0, 0, 0, 1, 0],
    "card_holders": [2, 0, 0, 1, 0, 0, 0, 1, 0],
    # 国有/集体企业 (public_staff) counts here without a line of its own.
    "public": [4, 1, 1, 0, 1, 1, 0, 0, 0],
    "state_organ": ZERO,
    "institution": [2, 0, 1, 0, 0, 1, 0, 0, 0],
    "talent_centre": [1, 0, 1, 0, 0, 0, 0, 0, 0],
    "public_hmt": [1, 0, 0, 0, 1, 0, 0, 0, 0],
    "public_foreign": ZERO,
    "non_public": [2, 0, 0, 1, 0, 0, 1, 0, 0],
    "private_non_enterprise": ZERO,
    "private_enterprise": [1, 0, 0, 1, 0, 0, 0, 0, 0],
    "hmt": [1, 0, 0, 0, 0, 0, 1, 0, 0],
    "foreign": ZERO,
    "individual": [1, 0, 0, 1, 0, 0, 0, 0, 0],
    "urban_community": ZERO,
    "town_community": ZERO,
    "village": [1, 0, 0, 0, 0, 0, 0, 0, 1],
    "other": ZERO,
    "unknown": [1, 0, 0, 0, 0, 0, 0, 1, 0],
}


def cells(organization, year=None) -> dict[str, list[int]]:
    today = timezone.localdate()
    table = statistics_table(organization=organization, year=year or today.year, today=today)
    return {line.key: line.values for line in table.lines}


def supplement(organization) -> dict[str, dict[str, list[int]]]:
    today = timezone.localdate()
    table = statistics_table(organization=organization, year=today.year, today=today)
    return {
        part["key"]: {row["key"]: row["values"] for row in part["rows"]}
        for part in table.supplement
    }


def test_every_cell_of_town_a(world, arrival):
    assert cells(world.tree.town_a) == TOWN_A


def test_town_b_sees_only_its_own_member_away(world, arrival):
    expected = dict.fromkeys(TOWN_A, ZERO) | {
        "total": [1, 0, 0, 1, 0, 0, 0, 0, 0],
        "individual": [1, 0, 0, 1, 0, 0, 0, 0, 0],
    }
    assert cells(world.tree.town_b) == expected


def test_the_city_adds_both_subtrees(world, arrival):
    assert cells(world.tree.city)["total"] == [10, 1, 1, 3, 1, 1, 1, 1, 1]


def test_the_lines_nest_under_their_groups(world):
    today = timezone.localdate()
    table = statistics_table(organization=world.tree.town_a, year=today.year, today=today)
    shape = [(line.key, line.level, str(line.group), line.group_span) for line in table.lines]
    assert shape[:6] == [
        ("total", 0, "", 0),
        ("cross_province", 0, str(GROUPS[OF_WHICH]), 3),
        ("within_province", 0, "", 0),
        ("card_holders", 0, "", 0),
        ("public", 0, str(GROUPS[DESTINATION]), 17),
        ("state_organ", 1, "", 0),
    ]


def test_the_talent_centres_are_of_which_under_institutions(world):
    today = timezone.localdate()
    table = statistics_table(organization=world.tree.town_a, year=today.year, today=today)
    levels = {line.key: line.level for line in table.lines}
    assert (levels["institution"], levels["talent_centre"]) == (1, 2)


def test_the_columns_are_the_official_occupations(world):
    today = timezone.localdate()
    table = statistics_table(organization=world.tree.town_a, year=today.year, today=today)
    assert [str(label) for label in table.columns] == [
        "公有经济企事业单位管理人员专业技术人员",
        "工勤技能人员",
        "农牧渔民",
        "未就业的高校毕业生",
        "中介组织从业人员",
        "执业律师",
        "会计师",
        "其他",
    ]


def _stations(tree):
    actor = system_user()
    common = {
        "region_code": "630102",
        "address": "党群服务中心",
        "opening_hours": "9:00-17:00",
        "contact_person": "值班员",
        "contact_phone": "13909710001",
        "services": ["policy"],
    }
    station_create(
        actor=actor, organization=tree.town_a, name="大街站", level="subdistrict", **common
    )
    station_create(actor=actor, organization=tree.town_b, name="南滩站", level="town", **common)
    closed = station_create(
        actor=actor, organization=tree.town_b, name="旧站", level="village", **common
    )
    station_close(actor=actor, station=closed)


def test_the_city_supplement(world, arrival, mobile_committee):
    _stations(world.tree)
    assert supplement(world.tree.city) == {
        # Total, then 省 · 市 · 县 · 乡镇 · 街道 · 社区 · 村 (the closed one not counted).
        "service_stations": {"stations": [2, 0, 0, 0, 1, 1, 0, 0]},
        # B1 took in 李建军 of A1 (the arrival from Chengdu still waits to report in).
        "receiving": {"receiving": [1, 1]},
        # Total, then 党委 · 总支 · 支部.
        "mobile_organizations": {"organizations": [2, 1, 0, 1], "members": [1, 0, 0, 1]},
    }


def test_town_a_supplement_has_only_its_own_station(world, mobile_committee):
    _stations(world.tree)
    assert supplement(world.tree.town_a) == {
        "service_stations": {"stations": [1, 0, 0, 0, 0, 1, 0, 0]},
        "receiving": {"receiving": [0, 0]},
        "mobile_organizations": {"organizations": [0, 0, 0, 0], "members": [0, 0, 0, 0]},
    }
