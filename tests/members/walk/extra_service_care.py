"""The walk over care: campaigns of A (大街) and B (南滩), their visits and care records.

A's campaign lists 李建军's father (A1's member hosted by B1: B's secretaries read and record
that visit, and so read A's campaign); B's lists 马外出's grandmother. Care records: one of
张善强 (A only), one of 李建军 (A, and B as host), one of 肖双强 (B). Viewers read, never write.
"""

import datetime

from members.files import actions as files
from services.care import actions
from tests.factories import system_user
from tests.members.walk.cases import (
    ANY,
    API,
    INFLOW,
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

D = datetime.date
ALL_B = {SB: READER, RB1: READER, VB: READER}
CAMPAIGN_A = Target("care_campaign_a", "大街春节走访", {SA: OWNER, **ALL_B})
CAMPAIGN_B = Target("care_campaign_b", "南滩春节走访", {SB: OWNER, RB1: READER, VB: READER})
VISIT_TAKEN = Target("care_visit_taken", "李老爹", {SA: OWNER, SB: INFLOW, RB1: INFLOW, VB: READER})
VISIT_B = Target("care_visit_b", "马奶奶", {SB: OWNER, RB1: OWNER, VB: READER})
VISITS = (VISIT_TAKEN, VISIT_B)
RECORD_A = Target("care_record_a", "大街关怀甲", {SA: OWNER})
RECORD_TAKEN = Target(
    "care_record_taken", "大街关怀李", {SA: OWNER, SB: INFLOW, RB1: INFLOW, VB: READER}
)
RECORD_B = Target("care_record_b", "南滩关怀乙", {SB: OWNER, RB1: OWNER, VB: READER})
RECORDS = (RECORD_A, RECORD_TAKEN, RECORD_B)
MEMBER_A = Target("member_a", "张善强", {SA: OWNER})
MEMBER_TAKEN = Target("member_taken", "李建军", {SA: OWNER, SB: INFLOW, RB1: INFLOW, VB: READER})
MEMBER_B = Target("member_b", "肖双强", {SB: OWNER, RB1: OWNER, VB: READER})
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
WRITERS = Target(roles={SA: WRITER, SB: WRITER, RB1: WRITER, VB: READER})
SEEN_A = {SA, SB, RB1, VB}
SEEN_B = {SB, RB1, VB}


def build(world) -> None:
    add, users = world.objects.__setitem__, world.users
    for member, name in (("member_taken", "李老爹"), ("member_away_b", "马奶奶")):
        files.family_member_add(
            actor=system_user(), member=world[member], name=name, relation="父亲", care_kind="elder"
        )
    for side, town, name in (("a", "town_a", "大街春节走访"), ("b", "town_b", "南滩春节走访")):
        campaign = actions.care_campaign_create(
            actor=users[f"secretary_{side}"],
            organization=world[town],
            name=name,
            holiday="spring_festival",
            focus="all",
            starts_on=D(2026, 11, 1),
            ends_on=D(2027, 2, 20),
        )
        add(f"care_campaign_{side}", campaign)
    add("care_visit_taken", world["care_campaign_a"].visits.get(family_member__name="李老爹"))
    add("care_visit_b", world["care_campaign_b"].visits.get(family_member__name="马奶奶"))
    for key, member, side, branch in (
        ("a", "member_a", "a", "branch_a1"),
        ("taken", "member_taken", "a", "branch_a1"),
        ("b", "member_b", "b", "branch_b1"),
    ):
        add(
            f"care_record_{key}",
            actions.care_record_add(
                actor=users[f"secretary_{side}"],
                member=world[member],
                kind="hospital_visit",
                on_date=D(2026, 11, 2),
                description=RECORD_TEXT[key],
                organization=world[branch],
            ),
        )


RECORD_TEXT = {"a": "大街关怀甲", "taken": "大街关怀李", "b": "南滩关怀乙"}


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"services:care:{route}", expect, targets or (NOTHING,), **options)


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/services/{path}", expect, targets or (NOTHING,), **options)


SEE = {OWNER: 200, INFLOW: 200, READER: 200}
LIST = {"GET": {ANY: 200}, "POST": {ANY: 200}}
READ = {"GET": SEE, "POST": SEE}
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403},
}
STEP_PAGE = {"GET": {ANY: 405}, "POST": {OWNER: 302, INFLOW: 302, READER: 403}}
# The form offers the organisations the poster writes: the host's secretaries cannot record
# care "by" the member's home branch (the form answers with its error).
RECORD_CREATE = {
    "GET": {OWNER: 200, INFLOW: 200, READER: 403},
    "POST": {OWNER: 302, INFLOW: 200, READER: 403},
}


def _campaign_form(world, obj) -> dict:
    return {
        "organization": world["town_a"].pk,
        "name": "大街元宵走访",
        "holiday": "lantern",
        "focus": "elders",
        "starts_on": "2027-02-01",
        "ends_on": "2027-02-12",
    }


def _record_form(world, member) -> dict:
    return {
        "kind": "school",
        "on_date": "2026-11-20",
        "description": "协助办理入学",
        "organization": member.organization_id,
    }


def _done(world, obj) -> dict:
    return {"on_date": "2026-11-20", "description": "送去米面油"}


def _step(step: str):
    return lambda world, visit: [visit.pk, step]


PAGES = [
    page(
        "campaign_list",
        LIST,
        listing={"大街春节走访": SEEN_A, "南滩春节走访": SEEN_B},
    ),
    page("campaign_create", CREATE, CREATE_IN_A, data=_campaign_form),
    page("campaign_detail", READ, CAMPAIGN_A, CAMPAIGN_B),
    page("visit_step", STEP_PAGE, *VISITS, args=_step("done"), data=_done, label="done"),
    page("visit_step", STEP_PAGE, *VISITS, args=_step("skip"), label="skip"),
    page(
        "visit_step",
        {"GET": {ANY: 405}, "POST": {ANY: 404}},
        VISIT_B,
        args=_step("unknown"),
        label="unknown step",
    ),
    page(
        "record_list",
        LIST,
        listing={"大街关怀甲": {SA}, "大街关怀李": SEEN_A, "南滩关怀乙": SEEN_B},
    ),
    Case(
        PAGE,
        "/services/care/new/?member={}",
        RECORD_CREATE,
        (MEMBER_A, MEMBER_TAKEN, MEMBER_B),
        data=_record_form,
        label="record_create",
    ),
]

NOT_ALLOWED = {ANY: 405}
DETAIL = {"GET": SEE, "POST": NOT_ALLOWED}
API_CREATE = {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}
API_STEP = {OWNER: 200, INFLOW: 200, READER: 403}


def _api_record(world, obj) -> dict:
    return {
        "member": world["member_a"].pk,
        "organization": world["branch_a1"].pk,
        "kind": "other",
        "on_date": "2026-11-20",
        "description": "电话慰问",
    }


def _api_campaign(world, obj) -> dict:
    return {**_campaign_form(world, obj)}


API_CASES = [
    api(
        "care-records/",
        {"GET": {ANY: 200}, "POST": API_CREATE},
        CREATE_IN_A,
        data=_api_record,
        listing={"大街关怀甲": {SA}, "大街关怀李": SEEN_A, "南滩关怀乙": SEEN_B},
    ),
    api("care-records/{id}/", DETAIL, *RECORDS),
    api(
        "care-campaigns/",
        {"GET": {ANY: 200}, "POST": API_CREATE},
        CREATE_IN_A,
        data=_api_campaign,
        listing={"大街春节走访": SEEN_A, "南滩春节走访": SEEN_B},
    ),
    api("care-campaigns/{id}/", DETAIL, CAMPAIGN_A, CAMPAIGN_B),
    api("care-campaigns/{id}/visits/", DETAIL, CAMPAIGN_A, CAMPAIGN_B, shows_text=False),
    api(
        "care-visits/",
        {"GET": {ANY: 200}, "POST": {WRITER: 405, READER: 403, NONE: 403}},
        WRITERS,
    ),
    api("care-visits/{id}/", DETAIL, *VISITS, shows_text=False),
    api(
        "care-visits/{id}/done/",
        {"GET": NOT_ALLOWED, "POST": API_STEP},
        *VISITS,
        data=_done,
        label="done",
    ),
    api(
        "care-visits/{id}/skip/",
        {"GET": NOT_ALLOWED, "POST": API_STEP},
        *VISITS,
        data=lambda world, obj: {"note": "已返乡"},
        label="skip",
    ),
]

# The staff personas hold the management chain's permissions only: the service chain's admin
# pages answer 403 to them (and send the others to the admin's login).
ADMIN_MODELS = [
    Model("carecampaign", FOREIGN, (Target("care_campaign_a", "大街春节走访"),), app="services"),
    Model(
        "carerecord",
        FOREIGN,
        (Target("care_record_a", "张善强"),),
        app="services",
        versions=True,
    ),
    Model(
        "carevisit", FOREIGN, (Target("care_visit_taken", "李建军"),), app="services", versions=True
    ),
]

CASES = [*PAGES, *API_CASES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
