"""The walk over the monthly needs collection: November's rounds of towns A and B.

A1's round lists 李建军 (A1's member away); B1's lists 马外出 (B1's member away) and 李建军
(taken in by B1), whose row B fills. 马外出's row has needs, so it may become a request. Rounds
and rows are owned by the round's organisation: A's secretaries read and fill A1's, B's
secretaries and B1's fill B1's, county B's viewer reads B1's and changes nothing.
"""

import datetime

from services.needs import actions
from services.needs.models import NeedsRound
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

MONTH = datetime.date(2026, 11, 1)
B_SIDE = {SB: OWNER, RB1: OWNER, VB: READER}
ROUND_A = Target("needs_round_a", "大街社区党支部", {SA: OWNER})
ROUND_B = Target("needs_round_b", "南滩街道流动党员党支部", B_SIDE)
ENTRY_A = Target("needs_entry_a", "", {SA: OWNER})
ENTRY_B = Target("needs_entry_b", "", B_SIDE)
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
WRITERS = Target(roles={SA: WRITER, SB: WRITER, RB1: WRITER, VB: READER})
SUMMARY_A = Target(roles={SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
# The summary of a town: who reads the town (others are told it does not exist).
SUMMARY_A_PAGE = Target(roles={SA: OWNER})
SUMMARY_B_PAGE = Target(roles={SB: OWNER, VB: OWNER})


def build(world) -> None:
    add, users = world.objects.__setitem__, world.users
    for side in ("a", "b"):
        actions.needs_rounds_open(
            actor=users[f"secretary_{side}"], organization=world[f"town_{side}"], month=MONTH
        )
    round_a = NeedsRound.objects.get(organization=world["branch_a1"], month=MONTH)
    round_b = NeedsRound.objects.get(organization=world["branch_b1"], month=MONTH)
    add("needs_round_a", round_a)
    add("needs_round_b", round_b)
    add("needs_entry_a", round_a.entries.get(member=world["member_taken"]))
    add(
        "needs_entry_b",
        actions.needs_entry_fill(
            actor=users["secretary_b"],
            entry=round_b.entries.get(member=world["member_away_b"]),
            outcome="needs",
            method="phone",
            needs="孩子入学",
            category="children",
        ),
    )


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"services:needs:{route}", expect, targets or (NOTHING,), **options)


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/services/needs/{path}", expect, targets or (NOTHING,), **options)


def _month(world) -> str:
    return "?month=2026-11"


def _summary_of(town: str):
    return lambda world: f"?month=2026-11&organization={world[town].pk}"


def _open_form(world, obj) -> dict:
    return {"organization": world["town_a"].pk, "month": "2026-12"}


def _fill_form(world, obj) -> dict:
    return {"outcome": "no_needs", "method": "wechat"}


SEE = {OWNER: 200, READER: 200}
READ = {"GET": SEE, "POST": SEE}
POST_ONLY = {ANY: 405}
ROW_STEP = {"GET": POST_ONLY, "POST": {OWNER: 302, READER: 403}}
SUMMARY_PAGE = {"GET": {OWNER: 200}, "POST": {OWNER: 200}}
ROUND_TEXTS = {"大街社区党支部": {SA}, "南滩街道流动党员党支部": {SB, RB1, VB}}

PAGES = [
    page("round_list", {"GET": {ANY: 200}, "POST": {ANY: 200}}, query=_month, listing=ROUND_TEXTS),
    page(
        "rounds_open",
        {"GET": POST_ONLY, "POST": {OWNER: 302, WRITER: 302, READER: 403, NONE: 403}},
        CREATE_IN_A,
        data=_open_form,
    ),
    page("round_detail", READ, ROUND_A, ROUND_B),
    page("entry_fill", ROW_STEP, ENTRY_A, ENTRY_B, data=_fill_form),
    page("entry_case", ROW_STEP, ENTRY_A, ENTRY_B),
    page("summary", SUMMARY_PAGE, SUMMARY_A_PAGE, query=_summary_of("town_a"), label="town A"),
    page("summary", SUMMARY_PAGE, SUMMARY_B_PAGE, query=_summary_of("town_b"), label="town B"),
]

DETAIL = {"GET": SEE, "POST": POST_ONLY}
LIST = {"GET": {ANY: 200}, "POST": {WRITER: 405, READER: 403, NONE: 403}}


def _api_open(world, obj) -> dict:
    return {"organization": world["town_a"].pk, "month": "2026-12"}


def _api_fill(world, obj) -> dict:
    return {"outcome": "no_needs", "method": "wechat"}


API_CASES = [
    api("rounds/", LIST, WRITERS, query=_month, listing=ROUND_TEXTS),
    api("rounds/{id}/", DETAIL, ROUND_A, ROUND_B),
    api(
        "rounds/open/",
        {"GET": POST_ONLY, "POST": {OWNER: 200, WRITER: 400, READER: 403, NONE: 403}},
        CREATE_IN_A,
        data=_api_open,
    ),
    api(
        "rounds/summary/",
        {
            "GET": {OWNER: 200, WRITER: 404, READER: 404, NONE: 404},
            "POST": {OWNER: 405, WRITER: 405, READER: 403, NONE: 403},
        },
        SUMMARY_A,
        query=_summary_of("town_a"),
    ),
    api("entries/", LIST, WRITERS),
    api("entries/{id}/", DETAIL, ENTRY_A, ENTRY_B),
    api(
        "entries/{id}/fill/",
        {"GET": POST_ONLY, "POST": {OWNER: 200, READER: 403}},
        ENTRY_A,
        ENTRY_B,
        data=_api_fill,
    ),
    # A1's row is not asked yet: no request from it (400); B1's has needs.
    api(
        "entries/{id}/case/",
        {"GET": POST_ONLY, "POST": {OWNER: 200, READER: 403}},
        ENTRY_A,
        ENTRY_B,
        exceptions={("needs_entry_a", "POST"): {OWNER: 400}},
    ),
]

# The staff personas hold the management chain's permissions only: the needs collection's
# admin pages answer 403 to them (and send the others to the admin's login).
ADMIN_MODELS = [
    Model("needsround", FOREIGN, (Target("needs_round_a", "大街社区党支部"),), app="services"),
    Model("needsentry", FOREIGN, (Target("needs_entry_a", "李建军"),), app="services"),
]

CASES = [*PAGES, *API_CASES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
