"""The walk over training classes: A's class, to which A's member hosted by B1 is invited (so
B reads it), and B1's class without invitations; every page, API operation and admin page."""

import datetime

from education.audience import Audience
from education.classes.actions import training_class_create, training_class_invite
from tests.members.walk import targets as t
from tests.members.walk.cases import ANY, NONE, OWNER, RB1, READER, SA, SB, VB, Target
from tests.members.walk.extra_lessons import (
    NOT_ALLOWED,
    SEE,
    WRITE_STEP,
    api,
    audience,
    grant_staff,
    read_only,
)
from tests.members.walk.table_admin import model_cases
from tests.members.walk.table_pages import CREATE, LIST, READ, page
from tests.members.walk.world import ZONE

CLASS_A = Target("class_a", "大街培训班", {SA: OWNER, SB: READER, RB1: READER, VB: READER})
CLASS_B = Target("class_b", "南滩培训班", {SB: OWNER, RB1: OWNER, VB: READER})
INVITATION_TAKEN = Target("invitation_taken", "大街培训班 · 李建军", t.HOSTED_IN_B1)
SEERS = {"大街培训班": {SA, SB, RB1, VB}, "南滩培训班": {SB, RB1, VB}}
MODELS = ("trainingclass", "classinvitation")
# The walk's clock stands at 2026-11-26 10:00: A's class has begun, B1's is to come.
STARTS = {
    "a": datetime.datetime(2026, 11, 20, 19, tzinfo=ZONE),
    "b": datetime.datetime(2027, 3, 1, 19, tzinfo=ZONE),
}


def build(world) -> None:
    for side, organization, title in (
        ("a", "town_a", "大街培训班"),
        ("b", "branch_b1", "南滩培训班"),
    ):
        world.objects[f"class_{side}"] = training_class_create(
            actor=world.users[f"secretary_{side}"],
            organization=world[organization],
            title=title,
            starts_at=STARTS[side],
            meeting_link=f"https://meeting.example/{side}",
        )
    training_class_invite(
        actor=world.users["secretary_a"],
        training_class=world["class_a"],
        audience=Audience(world["branch_a1"], mobile_only=False),
    )
    world.objects["invitation_taken"] = world["class_a"].invitations.get(
        member=world["member_taken"]
    )
    grant_staff(world, MODELS)


def new_class(world, obj) -> dict:
    return {
        "organization": world["branch_a1"].pk,
        "title": "新培训班",
        "starts_at": "2026-12-01T19:00",
        "duration_minutes": "90",
        "meeting_link": "https://meeting.example/new",
        "hours": "2.0",
    }


def api_new_class(world, obj) -> dict:
    return new_class(world, obj) | {"starts_at": "2026-12-01T19:00:00+08:00"}


def class_fields(world, training_class) -> dict:
    return {
        "title": training_class.title + "（更正）",
        "starts_at": "2027-03-02T19:00",
        "duration_minutes": "60",
        "meeting_link": training_class.meeting_link,
        "hours": "2.0",
    }


def sheet(world, training_class) -> dict:
    member = world["member_taken"].pk
    return {"member": [member], f"attendance_{member}": "joined", f"minutes_{member}": "80"}


def api_sheet(world, training_class) -> dict:
    member = world["member_taken"].pk
    return {"entries": [{"member": member, "attendance": "joined", "minutes": 80}]}


PAGES = [
    page("education:classes:class_list", LIST, listing=SEERS),
    page("education:classes:class_create", CREATE, t.CREATE_IN_A, data=new_class),
    page("education:classes:class_detail", READ, CLASS_A, CLASS_B),
    page(
        "education:classes:class_edit",
        {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}},
        CLASS_A,
        CLASS_B,
        data=class_fields,
    ),
    page("education:classes:class_invite", WRITE_STEP, CLASS_A, CLASS_B, data=audience),
    page("education:classes:class_cancel", WRITE_STEP, CLASS_A, CLASS_B),
    # B1's class has not begun and invites nobody: its writer is told so (302, nothing saved).
    page("education:classes:attendance_save", WRITE_STEP, CLASS_A, CLASS_B, data=sheet),
    page(
        "education:classes:attendance_import",
        # No file: the form again, saying so.
        {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 200, READER: 403}},
        CLASS_A,
        CLASS_B,
    ),
]

OPERATIONS = [
    api(
        "training-classes/",
        {"GET": {ANY: 200}, "POST": {OWNER: 201, "writer": 400, READER: 403, NONE: 403}},
        t.CREATE_IN_A,
        data=api_new_class,
        listing=SEERS,
    ),
    api("training-classes/{id}/", {"GET": SEE, "POST": NOT_ALLOWED}, CLASS_A, CLASS_B),
    api(
        "training-classes/{id}/invite/",
        {"GET": NOT_ALLOWED, "POST": {OWNER: 200, READER: 403}},
        CLASS_A,
        CLASS_B,
        data=lambda world, obj: {"audience_organization": obj.organization_id},
        shows_text=False,
    ),
    api(
        "training-classes/{id}/invitations/",
        {"GET": SEE, "POST": {OWNER: 200, READER: 403}},
        CLASS_A,
        CLASS_B,
        data=api_sheet,
        exceptions={("class_b", "POST"): {OWNER: 400}},  # not begun, nobody invited
        shows_text=False,
    ),
    api(
        "training-classes/{id}/invitations/",
        {"GET": SEE},
        CLASS_A,
        shows_text=False,
        listing={"张善强": {SA}, "李建军": {SA, SB, RB1, VB}},
        label="lines by reader",
    ),
    api(
        "training-classes/{id}/attendance-import/",
        # The export is a multipart upload: a JSON call has no file (400).
        {"GET": NOT_ALLOWED, "POST": {OWNER: 400, READER: 403}},
        CLASS_A,
        CLASS_B,
        shows_text=False,
    ),
]

ADMIN_MODELS = [
    read_only("trainingclass", CLASS_A, CLASS_B),
    read_only("classinvitation", INVITATION_TAKEN),
]

CASES = [*PAGES, *OPERATIONS, *(case for model in ADMIN_MODELS for case in model_cases(model))]
