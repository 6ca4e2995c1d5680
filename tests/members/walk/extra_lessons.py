"""The walk over lessons: A's published lesson (read by B, which hosts one of its members) and
B1's draft with an attachment; every page, API operation and admin page of the topic."""

from django.contrib.auth.models import Permission

from education.audience import Audience
from education.lessons.actions import lesson_create, lesson_publish
from education.lessons.models import LessonAttachment
from tests.members.walk import targets as t
from tests.members.walk.cases import ANY, API, NONE, OWNER, RB1, READER, SA, SB, VB, Case, Target
from tests.members.walk.cases import api_id as api_args
from tests.members.walk.table_admin import READ_ONLY, Model, model_cases, staff
from tests.members.walk.table_pages import CREATE, LIST, READ, page, post_only
from tests.members.walk.world import STAFF

LESSON_A = Target("lesson_a", "大街课程", {SA: OWNER, SB: READER, RB1: READER, VB: READER})
LESSON_B = Target("lesson_b", "南滩草稿课", {SB: OWNER, RB1: OWNER, VB: READER})
ATTACHMENT_B = Target("attachment_b", "", LESSON_B.roles)
DELIVERY_TAKEN = Target("delivery_taken", "大街课程 · 李建军", t.HOSTED_IN_B1)
SEERS = {"大街课程": {SA, SB, RB1, VB}, "南滩草稿课": {SB, RB1, VB}}
MODELS = ("lesson", "lessondelivery")


def build(world) -> None:
    sa, sb = world.users["secretary_a"], world.users["secretary_b"]
    lesson_a = lesson_create(actor=sa, organization=world["town_a"], title="大街课程", body="学习")
    lesson_publish(
        actor=sa, lesson=lesson_a, audience=Audience(world["branch_a1"], mobile_only=False)
    )
    lesson_b = lesson_create(actor=sb, organization=world["branch_b1"], title="南滩草稿课")
    world.objects |= {
        "lesson_a": lesson_a,
        "lesson_b": lesson_b,
        # A row without a stored file: the walk writes nothing to the media folder.
        "attachment_b": LessonAttachment.objects.create(
            lesson=lesson_b,
            file="education/attachments/walk.pdf",
            name="讲义.pdf",
            content_type="application/pdf",
            size=10,
        ),
        "delivery_taken": lesson_a.deliveries.get(member=world["member_taken"]),
    }
    grant_staff(world, MODELS)


def grant_staff(world, models) -> None:
    """The staff personas may use the admin pages of these education models."""
    permissions = Permission.objects.filter(
        content_type__app_label="education", content_type__model__in=models
    )
    for persona in STAFF:
        world.users[persona].user_permissions.add(*permissions)


def new_lesson(world, obj) -> dict:
    return {"organization": world["branch_a1"].pk, "title": "新课程", "hours": "1.0"}


def lesson_fields(world, lesson) -> dict:
    return {"title": lesson.title + "（更正）", "body": "正文", "hours": "1.5"}


def audience(world, lesson) -> dict:
    return {"audience_organization": lesson.organization_id, "audience_mobile_only": "on"}


def api_audience(world, lesson) -> dict:
    return {"audience_organization": lesson.organization_id}


def attachment_args(world, attachment) -> list:
    return [attachment.lesson_id, attachment.pk]


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_args)
    return Case(API, f"/api/v1/education/{path}", expect, targets or (Target(),), **options)


WRITE_STEP = post_only({OWNER: 302, READER: 403})
SEE = {OWNER: 200, READER: 200}
NOT_ALLOWED = {ANY: 405}

PAGES = [
    page("education:lessons:lesson_list", LIST, listing=SEERS),
    page("education:lessons:lesson_create", CREATE, t.CREATE_IN_A, data=new_lesson),
    page("education:lessons:lesson_detail", READ, LESSON_A, LESSON_B),
    page(
        "education:lessons:lesson_edit",
        {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}},
        LESSON_A,
        LESSON_B,
        data=lesson_fields,
        # Published: no longer a draft, its writer is sent back to it, told why.
        exceptions={("lesson_a", "GET"): {OWNER: 302}},
    ),
    page("education:lessons:attachment_add", WRITE_STEP, LESSON_A, LESSON_B),
    page("education:lessons:attachment_remove", WRITE_STEP, ATTACHMENT_B, args=attachment_args),
    page("education:lessons:lesson_publish", WRITE_STEP, LESSON_A, LESSON_B, data=audience),
    page("education:lessons:lesson_withdraw", WRITE_STEP, LESSON_A, LESSON_B),
    page(
        "education:lessons:lesson_remind",
        WRITE_STEP,
        LESSON_A,
        LESSON_B,
        data=lambda world, obj: {"all": "1"},
    ),
]

OPERATIONS = [
    api(
        "lessons/",
        {"GET": {ANY: 200}, "POST": {OWNER: 201, "writer": 400, READER: 403, NONE: 403}},
        t.CREATE_IN_A,
        data=new_lesson,
        listing=SEERS,
    ),
    api("lessons/{id}/", {"GET": SEE, "POST": NOT_ALLOWED}, LESSON_A, LESSON_B),
    api(
        "lessons/{id}/publish/",
        {"GET": NOT_ALLOWED, "POST": {OWNER: 200, READER: 403}},
        LESSON_A,
        LESSON_B,
        data=api_audience,
        exceptions={("lesson_a", "POST"): {OWNER: 409}},  # published already
        shows_text=False,
    ),
    api(
        "lessons/{id}/remind/",
        {"GET": NOT_ALLOWED, "POST": {OWNER: 200, READER: 403}},
        LESSON_A,
        LESSON_B,
        exceptions={("lesson_b", "POST"): {OWNER: 400}},  # a draft: nobody to remind
        shows_text=False,
    ),
    api(
        "lessons/{id}/deliveries/",
        {"GET": SEE, "POST": NOT_ALLOWED},
        LESSON_A,
        LESSON_B,
        shows_text=False,
    ),
    api(
        "lessons/{id}/deliveries/",
        {"GET": SEE},
        LESSON_A,
        shows_text=False,
        # A reads every delivery of its lesson; B only its hosted member's.
        listing={"张善强": {SA}, "李建军": {SA, SB, RB1, VB}},
        label="lines by reader",
    ),
]


def read_only(model: str, *targets: Target) -> Model:
    """An education model its admin shows read-only."""
    return Model(model, READ_ONLY, tuple(staff(target) for target in targets), app="education")


ADMIN_MODELS = [
    read_only("lesson", LESSON_A, LESSON_B),
    read_only("lessondelivery", DELIVERY_TAKEN),
]

CASES = [*PAGES, *OPERATIONS, *(case for model in ADMIN_MODELS for case in model_cases(model))]
