"""The walk over study plans, reading lists, templates, study hours and the education hub.

A's town lists a reading and a template and makes a plan for 张善强 and 李建军 (whom B1
hosts, so B reads A's plan); B1 lists its own and plans for 肖双强. Each member has
confirmed a reading and has hours studied elsewhere.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Permission

from education.hours.actions import hours_add_other
from education.plans import actions
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
from tests.members.walk.table_admin import READ_ONLY, SCOPED, Model, model_cases, staff
from tests.members.walk.targets import CREATE_IN_A, FILE_A, FILE_B, FILE_TAKEN
from tests.members.walk.world import STAFF, World

B_SIDE = frozenset({SB, RB1, VB})
A_ONLY = {SA: OWNER}
B_OWNS = {SB: OWNER, RB1: OWNER, VB: READER}

READING_A = Target("reading_a", "大街必读书目", A_ONLY)
READING_B = Target("reading_b", "南滩必读书目", B_OWNS)
TEMPLATE_A = Target("plan_template_a", "大街学习模板", A_ONLY)
TEMPLATE_B = Target("plan_template_b", "南滩学习模板", B_OWNS)
# B reads A's plan: it hosts 李建军, one of its members.
PLAN_A = Target("plan_a", "大街学习计划", {SA: OWNER, SB: READER, RB1: READER, VB: READER})
PLAN_B = Target("plan_b", "南滩学习计划", B_OWNS)

D = datetime.date
ADMIN_MODEL_NAMES = ["reading", "plantemplate", "studyplan", "readingconfirmation", "studycredit"]


def build(world: World) -> None:
    add, users = world.objects.__setitem__, world.users
    sides = (
        ("a", "town_a", "大街", ["member_a", "member_taken"]),
        ("b", "branch_b1", "南滩", ["member_b"]),
    )
    for side, organization, place, members in sides:
        actor = users[f"secretary_{side}"]
        reading = actions.reading_create(
            actor=actor, organization=world[organization], title=f"{place}必读书目"
        )
        template = actions.template_create(
            actor=actor,
            organization=world[organization],
            name=f"{place}学习模板",
            readings=[reading],
        )
        plan = actions.plan_create(
            actor=actor,
            organization=world[organization],
            year=2026,
            title=f"{place}学习计划",
            template=template,
            member=world[members[0]],
        )
        for key in members[1:]:
            actions.plan_add_members(actor=actor, plan=plan, member=world[key])
        actions.reading_confirm(
            member=world[members[0]], reading=reading, year=2026, through_link=True
        )
        add(f"reading_{side}", reading)
        add(f"plan_template_{side}", template)
        add(f"plan_{side}", plan)
        add(f"confirmation_{side}", reading.confirmations.get())
        add(
            f"credit_{side}",
            hours_add_other(
                actor=actor,
                member=world[members[0]],
                hours=Decimal(4),
                studied_on=D(2026, 10, 8),
                description=f"{place}集中轮训",
            ),
        )
    # The staff personas get the permissions of these models only: other topics' admin pages
    # are walked as foreign (403) to them.
    ours = Permission.objects.filter(
        content_type__app_label="education", content_type__model__in=ADMIN_MODEL_NAMES
    )
    for staff_persona in STAFF:
        users[staff_persona].user_permissions.add(*ours)


# --- Payloads -------------------------------------------------------------------------------


def new_reading(world, obj) -> dict:
    return {"organization": world["town_a"].pk, "kind": "book", "title": "红岩", "hours": "2.0"}


def reading_fields(world, reading) -> dict:
    return {"kind": "book", "title": reading.title, "author": "新作者", "hours": "3.0"}


def new_template(world, obj) -> dict:
    return {
        "organization": world["town_a"].pk,
        "name": "新模板",
        "target_hours": "32",
        "readings": [world["reading_a"].pk],
    }


def template_fields(world, template) -> dict:
    return {"name": template.name, "target_hours": "40", "description": "改"}


def new_plan(world, obj) -> dict:
    return {
        "organization": world["town_a"].pk,
        "title": "新计划",
        "year": "2026",
        "audience_organization": world["branch_a1"].pk,
        "audience_mobile_only": "on",
    }


def api_plan(world, obj) -> dict:
    return new_plan(world, obj) | {"year": 2026, "audience_mobile_only": False}


def plan_fields(world, plan) -> dict:
    return {"title": plan.title, "target_hours": "40", "description": "改"}


def plan_member(world, plan) -> dict:
    """One member the plan's writers manage (A's file for A's plan, B's for B's)."""
    key = "member_a" if plan.pk == world["plan_a"].pk else "member_b"
    return {"member": world[key].pk}


def confirm(world, plan) -> dict:
    member = plan.plan_members.order_by("pk").first().member_id
    return {"member": member, "reading": plan.readings.get().pk}


def other_hours(world, member) -> dict:
    return {"hours": "2.0", "studied_on": "2026-11-20", "description": "务工地集中学习"}


# --- Cases ----------------------------------------------------------------------------------

LIST = {"GET": {ANY: 200}, "POST": {ANY: 200}}
READ = {"GET": {OWNER: 200, READER: 200}, "POST": {OWNER: 200, READER: 200}}
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403},
}
EDIT = {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}}
POST_ONLY = {"GET": {ANY: 405}, "POST": {OWNER: 302, READER: 403}}
LISTED = {"大街学习计划": {SA, *B_SIDE}, "南滩学习计划": B_SIDE}


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"education:{route}", expect, targets or (NOTHING,), **options)


PAGES = [
    page("hub", LIST),
    page("plans:plan_list", LIST, listing=LISTED),
    page("plans:plan_create", CREATE, CREATE_IN_A, data=new_plan),
    page("plans:plan_detail", READ, PLAN_A, PLAN_B),
    page("plans:plan_edit", EDIT, PLAN_A, PLAN_B, data=plan_fields),
    page("plans:plan_add_members", EDIT, PLAN_A, PLAN_B, data=plan_member),
    page("plans:reading_confirm", POST_ONLY, PLAN_A, PLAN_B, data=confirm),
    page("plans:reading_list", LIST, listing={"大街必读书目": {SA}, "南滩必读书目": B_SIDE}),
    page("plans:reading_create", CREATE, CREATE_IN_A, data=new_reading),
    page("plans:reading_edit", EDIT, READING_A, READING_B, data=reading_fields),
    # Both readings are confirmed: deleting is refused with a message (back to the list).
    page("plans:reading_delete", EDIT, READING_A, READING_B),
    page("plans:template_list", LIST, listing={"大街学习模板": {SA}, "南滩学习模板": B_SIDE}),
    page("plans:template_create", CREATE, CREATE_IN_A, data=new_template),
    page("plans:template_edit", EDIT, TEMPLATE_A, TEMPLATE_B, data=template_fields),
    page("plans:template_delete", EDIT, TEMPLATE_A, TEMPLATE_B),
    # Hours studied elsewhere are written by whoever writes the member's file.
    page("hours:credit_add", EDIT, FILE_A, FILE_TAKEN, FILE_B, data=other_hours),
]

NOT_ALLOWED = {ANY: 405}
API_CREATE = {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}
SEE = {OWNER: 200, READER: 200}


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/education/{path}", expect, targets or (NOTHING,), **options)


def _library(path: str, targets, created, changed, listing, deleted) -> list[Case]:
    return [
        api(
            f"{path}/",
            {"GET": {ANY: 200}, "POST": API_CREATE},
            CREATE_IN_A,
            data=created,
            listing=listing,
        ),
        api(
            f"{path}/{{id}}/",
            {
                "GET": SEE,
                "POST": NOT_ALLOWED,
                "PATCH": {OWNER: 200, READER: 403},
                "DELETE": {OWNER: 204, READER: 403},
            },
            *targets,
            data=changed,
            exceptions=deleted,
        ),
    ]


OPERATIONS = [
    *_library(
        "readings",
        (READING_A, READING_B),
        new_reading,
        reading_fields,
        {"大街必读书目": {SA}, "南滩必读书目": B_SIDE},
        # Members confirmed both readings: the action refuses to delete them.
        {(key, "DELETE"): {OWNER: 400} for key in ("reading_a", "reading_b")},
    ),
    *_library(
        "plan-templates",
        (TEMPLATE_A, TEMPLATE_B),
        new_template,
        template_fields,
        {"大街学习模板": {SA}, "南滩学习模板": B_SIDE},
        {},
    ),
    api(
        "plans/",
        {"GET": {ANY: 200}, "POST": API_CREATE},
        CREATE_IN_A,
        data=api_plan,
        listing=LISTED,
    ),
    api(
        "plans/{id}/",
        {"GET": SEE, "POST": NOT_ALLOWED, "PATCH": {OWNER: 200, READER: 403}},
        PLAN_A,
        PLAN_B,
        data=plan_fields,
    ),
    # B reads its hosted member's line of A's plan, not A's own member's.
    api(
        "plans/{id}/members/",
        {"GET": SEE, "POST": NOT_ALLOWED},
        PLAN_A,
        shows_text=False,
        listing={"李建军": {SA, *B_SIDE}, "张善强": {SA}},
    ),
    api(
        "plans/{id}/members/",
        {"GET": SEE, "POST": NOT_ALLOWED},
        PLAN_B,
        shows_text=False,
        listing={"肖双强": B_SIDE},
        label="B",
    ),
    api(
        "hours/",
        {"GET": {ANY: 200}, "POST": NOT_ALLOWED},
        query=lambda world: f"?member={world['member_a'].pk}",
        listing={"大街集中轮训": {SA}},
    ),
]


ADMIN_MODELS = [
    Model(
        "reading",
        SCOPED,
        (staff(READING_A), staff(READING_B)),
        app="education",
        add={"organization": "@town_a", "kind": "book", "title": "红岩", "hours": "2.0"},
        # Members confirmed both readings: they stay (their hours rest on them).
        exceptions={
            "delete": {
                (key, m): {OWNER: 403}
                for key in ("reading_a", "reading_b")
                for m in ("GET", "POST")
            },
        },
    ),
    Model(
        "plantemplate",
        SCOPED,
        (staff(TEMPLATE_A), staff(TEMPLATE_B)),
        app="education",
        add={"organization": "@town_a", "name": "新模板", "target_hours": "32"},
    ),
    Model("studyplan", READ_ONLY, (staff(PLAN_A), staff(PLAN_B)), app="education", versions=True),
    Model(
        "readingconfirmation",
        READ_ONLY,
        (
            Target("confirmation_a", "张善强", {"staff_a": OWNER}),
            Target("confirmation_b", "肖双强", {"staff_b": OWNER, "staff_viewer_b": READER}),
        ),
        app="education",
    ),
    Model(
        "studycredit",
        READ_ONLY,
        (
            Target("credit_a", "大街集中轮训", {"staff_a": OWNER}),
            Target("credit_b", "南滩集中轮训", {"staff_b": OWNER, "staff_viewer_b": READER}),
        ),
        app="education",
    ),
]

CASES = [
    *PAGES,
    *OPERATIONS,
    *(case for model in ADMIN_MODELS for case in model_cases(model)),
]
