"""The walk over service stations: a directory every user with a role reads.

A's town runs 大街街道流动党员服务站 (城东区), B's town runs 南滩街道流动党员服务站 (城中区).
Everyone with a role reads both; only the running subtree edits or closes its station; the
outsider sees none (an empty directory, 404 for a station).
"""

from services.stations import actions
from tests.members.walk.cases import (
    ANY,
    API,
    NONE,
    NOTHING,
    OWNER,
    PAGE,
    RB1,
    READER,
    SA,
    SB,
    VB,
    WRITER,
    Case,
    Target,
    api_id,
)
from tests.members.walk.table_admin import FOREIGN, Model, model_cases

EVERYONE = {SA, SB, RB1, VB}
STATION_A = Target(
    "station_a", "大街街道流动党员服务站", {SA: OWNER, SB: READER, RB1: READER, VB: READER}
)
STATION_B = Target(
    "station_b", "南滩街道流动党员服务站", {SA: READER, SB: OWNER, RB1: READER, VB: READER}
)
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})


def fields(name: str, region: str) -> dict:
    return {
        "name": name,
        "level": "subdistrict",
        "region_code": region,
        "address": "西宁市党群服务中心一楼",
        "opening_hours": "周一至周五 9:00-17:00",
        "contact_person": "服务站值班员",
        "contact_phone": "13909710001",
        "services": ["policy", "jobs"],
        "active": True,
    }


def build(world) -> None:
    for side, town, name, region in (
        ("a", "town_a", "大街街道流动党员服务站", "630102"),
        ("b", "town_b", "南滩街道流动党员服务站", "630103"),
    ):
        world.objects[f"station_{side}"] = actions.station_create(
            actor=world.users[f"secretary_{side}"],
            organization=world[town],
            **fields(name, region),
        )


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"services:stations:{route}", expect, targets or (NOTHING,), **options)


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/services/{path}", expect, targets or (NOTHING,), **options)


def _form(world, obj) -> dict:
    data = fields("大街新服务站", "630102")
    return {**data, "organization": world["town_a"].pk, "active": "on"}


def _edit(world, obj) -> dict:
    data = fields(obj.name, obj.region_code)
    return {**data, "opening_hours": "每天 8:30-18:00", "active": "on"}


SEE = {OWNER: 200, READER: 200}
LIST = {"GET": {ANY: 200}, "POST": {ANY: 200}}
LISTED = {"大街街道流动党员服务站": EVERYONE, "南滩街道流动党员服务站": EVERYONE}
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403},
}
OWNER_ONLY = {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}}

PAGES = [
    page("station_list", LIST, listing=LISTED),
    page("station_create", CREATE, CREATE_IN_A, data=_form),
    page("station_detail", {"GET": SEE, "POST": SEE}, STATION_A, STATION_B),
    page("station_edit", OWNER_ONLY, STATION_A, STATION_B, data=_edit),
    page(
        "station_close",
        {"GET": {ANY: 405}, "POST": {OWNER: 302, READER: 403}},
        STATION_A,
        STATION_B,
    ),
]


def _api_station(world, obj) -> dict:
    return {**fields("大街新服务站", "630102"), "organization": world["town_a"].pk}


def _api_edit(world, obj) -> dict:
    return {**fields(obj.name, obj.region_code), "opening_hours": "每天 8:30-18:00"}


NOT_ALLOWED = {ANY: 405}
CHANGE = {OWNER: 200, READER: 403}

API_CASES = [
    api(
        "stations/",
        {"GET": {ANY: 200}, "POST": {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}},
        CREATE_IN_A,
        data=_api_station,
        listing=LISTED,
    ),
    api(
        "stations/{id}/",
        {"GET": SEE, "POST": NOT_ALLOWED, "PUT": CHANGE, "PATCH": CHANGE},
        STATION_A,
        STATION_B,
        data=_api_edit,
    ),
]

ADMIN_MODELS = [
    Model(
        "servicestation", FOREIGN, (Target("station_a", "大街街道流动党员服务站"),), app="services"
    ),
]

CASES = [*PAGES, *API_CASES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
