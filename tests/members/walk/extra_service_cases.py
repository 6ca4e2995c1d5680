"""The walk over the service requests' pages.

B (南滩街道) handles a wage case filed for 肖双强 (home B1) and 李建军 (home A1, hosted in B1):
B's secretary handles it, B1's secretary and B's viewer read it, and so does A through
李建军's home branch. A handles a case of its own member 张善强 that B does not see. Every
step the case page posts owes 302 to the handler, 403 to a reader, 404 to anyone else.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from services.cases import actions
from services.cases.models import CaseAttachment
from tests.members.walk.cases import (
    ANY,
    NONE,
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
)

CASE_B = Target("case_b", "南滩欠薪诉求", {SB: OWNER, RB1: READER, SA: READER, VB: READER})
CASE_A = Target("case_a", "大街政策咨询", {SA: OWNER})
ATTACHMENT_B = Target("case_attachment_b", "工资条.pdf", CASE_B.roles)
CREATE_IN_B = Target(None, "", {SB: OWNER, SA: WRITER, RB1: WRITER, VB: READER})
WALK_FILE = "services/cases/walk-pay-slip.pdf"


def build(world) -> None:
    sa, sb = world.users["secretary_a"], world.users["secretary_b"]
    case_b = actions.case_file(
        actor=sb,
        organization=world["town_b"],
        members=[world["member_b"], world["member_taken"]],
        category="unpaid_wages",
        title="南滩欠薪诉求",
        description="工地拖欠工资",
    )
    case_a = actions.case_file(
        actor=sa,
        organization=world["town_a"],
        members=[world["member_a"]],
        category="policy",
        title="大街政策咨询",
        description="咨询社保政策",
    )
    # One small file kept once under the (ignored) media folder, so a download has content.
    name = WALK_FILE
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(b"%PDF-1.4\n"))
    attachment = CaseAttachment.objects.create(
        case=case_b, file=name, name="工资条.pdf", content_type="application/pdf", size=9
    )
    world.objects |= {"case_b": case_b, "case_a": case_a, "case_attachment_b": attachment}


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"services:cases:{route}", expect, targets or (Target(),), **options)


SEE = {OWNER: 200, READER: 200}
GET_ONLY = {"GET": SEE, "POST": {ANY: 405}}
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403},
}
WRITE = {"GET": {ANY: 405}, "POST": {OWNER: 302, READER: 403}}


def _filing(world, obj) -> dict:
    return {
        "members": [world["member_b"].pk],
        "category": "unpaid_wages",
        "title": "南滩新诉求",
        "description": "工资被拖欠",
        "priority": "normal",
        "organization": world["town_b"].pk,
        "file": "1",
    }


def _step(name: str):
    return lambda world, case: [case.pk, name]


STEP_DATA = {
    "accept": None,
    "decline": lambda world, case: {"text": "不属于本组织职责"},
    "resolve": lambda world, case: {"text": "已解决"},
}

CASES = [
    page(
        "case_list",
        {"GET": {ANY: 200}, "POST": {ANY: 405}},
        listing={"南滩欠薪诉求": {SB, RB1, SA, VB}, "大街政策咨询": {SA}},
    ),
    page("case_create", CREATE, CREATE_IN_B, data=_filing),
    page("case_detail", GET_ONLY, CASE_B, CASE_A),
    page(
        "attachment_download",
        GET_ONLY,
        ATTACHMENT_B,
        args=lambda world, attachment: [attachment.case_id, attachment.pk],
        shows_text=False,
    ),
    *(
        page("case_step", WRITE, CASE_B, CASE_A, args=_step(name), data=data, label=name)
        for name, data in STEP_DATA.items()
    ),
    page(
        "case_step",
        {"GET": {ANY: 405}, "POST": {ANY: 404}},
        CASE_B,
        args=_step("file"),
        label="not a handler's step",
    ),
    page(
        "case_handover",
        WRITE,
        CASE_B,
        data=lambda world, case: {"organization": world["branch_b1"].pk, "reason": "支部跟进"},
    ),
    page(
        "case_department",
        WRITE,
        CASE_B,
        CASE_A,
        data=lambda world, case: {"name": "劳动监察大队", "asked_for": "督促支付工资"},
    ),
    page("case_note", WRITE, CASE_B, CASE_A, data=lambda world, case: {"text": "已电话联系"}),
    page("case_attach", WRITE, CASE_B, CASE_A),
    page("case_station", WRITE, CASE_B, CASE_A, data=lambda world, case: {"station": ""}),
]
