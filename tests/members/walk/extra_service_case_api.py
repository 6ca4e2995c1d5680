"""The walk over the service requests' API and admin.

A (大街街道) handles a case for 张善强 (home A1); B (南滩街道) one for 肖双强 (home B1) and
李建军 (home A1, hosted in B1), so A's secretary and B1's read B's case through their members'
homes while only B handles it. Operations owe what the rest of the project owes: 404 outside,
403 for readers, 409 for a refused step, 400 for bad input.
"""

from services.cases import actions
from tests.members.walk.cases import (
    ANY,
    API,
    NONE,
    NOTHING,
    OWNER,
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

CASE_A = Target("api_case_a", "大街诉求甲", {SA: OWNER})
CASE_B = Target("api_case_b", "南滩诉求乙", {SB: OWNER, SA: READER, RB1: READER, VB: READER})
CASES_AB = (CASE_A, CASE_B)
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})


def build(world) -> None:
    for key, side, town, title, members in (
        ("api_case_a", "a", "town_a", "大街诉求甲", ["member_a"]),
        ("api_case_b", "b", "town_b", "南滩诉求乙", ["member_b", "member_taken"]),
    ):
        world.objects[key] = actions.case_file(
            actor=world.users[f"secretary_{side}"],
            organization=world[town],
            members=[world[member] for member in members],
            category="unpaid_wages",
            title=title,
            description="工地拖欠工资",
        )


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/services/{path}", expect, targets or (NOTHING,), **options)


NOT_ALLOWED = {ANY: 405}
SEE = {OWNER: 200, READER: 200}
API_CREATE = {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}


def _file(world, obj) -> dict:
    return {
        "organization": world["town_a"].pk,
        "members": [world["member_a"].pk],
        "category": "policy",
        "title": "社保咨询",
        "description": "异地社保怎么转",
    }


def _branch_below(world, case) -> dict:
    branch = world["branch_a1"] if case.organization == world["town_a"] else world["branch_b1"]
    return {"organization": branch.pk, "reason": "由支部跟进"}


def _write(name: str, owner: object, data, label: str = "") -> Case:
    return api(
        f"cases/{{id}}/{name}/",
        {"GET": NOT_ALLOWED, "POST": {OWNER: owner, READER: 403}},
        *CASES_AB,
        data=data,
        label=label or name,
    )


API_CASES = [
    api(
        "cases/",
        {"GET": {ANY: 200}, "POST": API_CREATE},
        CREATE_IN_A,
        data=_file,
        listing={"大街诉求甲": {SA}, "南滩诉求乙": {SA, SB, RB1, VB}},
    ),
    api("cases/{id}/", {"GET": SEE, "POST": NOT_ALLOWED}, *CASES_AB),
    _write("step", 200, lambda world, obj: {"step": "accept"}),
    _write("step", 409, lambda world, obj: {"step": "close", "satisfaction": 5}, "refused"),
    _write("step", 400, lambda world, obj: {"step": "approve"}, "unknown"),
    _write("handover", 200, _branch_below),
    _write("departments", 201, lambda world, obj: {"name": "劳动监察大队", "asked_for": "核实"}),
    _write("notes", 201, lambda world, obj: {"text": "已电话联系"}),
]

# The staff personas hold the management chain's permissions only: the cases' admin pages
# answer 403 to them (and send the others to the admin's login).
ADMIN_MODELS = [
    Model(
        "servicecase", FOREIGN, (Target("api_case_a", "大街诉求甲"),), app="services", versions=True
    ),
]

CASES = [*API_CASES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
