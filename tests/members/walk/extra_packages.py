"""The walk over study packages: A's and B's packages, dispatches and shipments.

A (大街街道) sends a package to 张善强 (home A1) and 李建军 (A1's member hosted in B1, so B's
secretaries manage his parcel and read the dispatch); B (南滩街道) sends one to 肖双强. Pages
and API operations owe what the rest of the project owes: 404 outside, 403 for readers, the
sender alone downloads postal lists and imports tracking numbers.
"""

from education.packages import actions
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

ADDRESS = "西宁市城东区大街社区1号楼"

PACKAGE_A = Target("package_a", "大街学习礼包甲", {SA: OWNER})
# A town's package is shared down to its branches: B1's secretary reads B's.
PACKAGE_B = Target("package_b", "南滩学习礼包乙", {SB: OWNER, RB1: READER, VB: READER})
# A's dispatch reaches 李建军, hosted in B1: B reads it.
DISPATCH_A = Target("dispatch_a", "大街寄送甲", {SA: OWNER, SB: READER, RB1: READER, VB: READER})
DISPATCH_B = Target("dispatch_b", "南滩寄送乙", {SB: OWNER, RB1: READER, VB: READER})
SHIPMENT_A = Target("shipment_a", "张善强", {SA: OWNER})
SHIPMENT_TAKEN = Target(
    "shipment_taken", "李建军", {SA: OWNER, SB: INFLOW, RB1: INFLOW, VB: READER}
)
SHIPMENT_B = Target("shipment_b", "肖双强", {SB: OWNER, RB1: OWNER, VB: READER})
SHIPMENTS = (SHIPMENT_A, SHIPMENT_TAKEN, SHIPMENT_B)
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
WRITERS = Target(roles={SA: WRITER, SB: WRITER, RB1: WRITER, VB: READER})


def build(world) -> None:
    add, users = world.objects.__setitem__, world.users
    for side, town, name in (("a", "town_a", "大街学习礼包甲"), ("b", "town_b", "南滩学习礼包乙")):
        add(
            f"package_{side}",
            actions.package_create(
                actor=users[f"secretary_{side}"],
                organization=world[town],
                name=name,
                items=[("党章", 1), ("学习笔记本", 1)],
            ),
        )
    for side, town, title, members in (
        ("a", "town_a", "大街寄送甲", ["member_a", "member_taken"]),
        ("b", "town_b", "南滩寄送乙", ["member_b"]),
    ):
        add(
            f"dispatch_{side}",
            actions.dispatch_create(
                actor=users[f"secretary_{side}"],
                package=world[f"package_{side}"],
                title=title,
                organization=world[town],
                member_ids=[world[key].pk for key in members],
            ),
        )
    for key, dispatch, member, side in (
        ("shipment_a", "dispatch_a", "member_a", "a"),
        ("shipment_taken", "dispatch_a", "member_taken", "a"),
        ("shipment_b", "dispatch_b", "member_b", "b"),
    ):
        shipment = world[dispatch].shipments.get(member=world[member])
        add(
            key,
            actions.shipment_update_address(
                actor=users[f"secretary_{side}"], shipment=shipment, address=ADDRESS
            ),
        )


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"education:packages:{route}", expect, targets or (NOTHING,), **options)


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/education/{path}", expect, targets or (NOTHING,), **options)


SEE = {OWNER: 200, INFLOW: 200, READER: 200}
LIST = {"GET": {ANY: 200}, "POST": {ANY: 200}}
READ = {"GET": SEE, "POST": SEE}
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403},
}
SENDER_ONLY = {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 200, READER: 403}}
STEP_PAGE = {"GET": {ANY: 405}, "POST": {OWNER: 302, INFLOW: 302, READER: 403}}
SENDS = {"A": {SA, SB, RB1, VB}, "B": {SB, RB1, VB}}


def _dispatch_form(world, obj) -> dict:
    return {
        "package": world["package_a"].pk,
        "title": "大街新寄送",
        "audience_organization": world["branch_a1"].pk,
        "confirm": "1",
    }


def _package_form(world, obj) -> dict:
    return {"organization": world["town_a"].pk, "name": "新礼包", "items": "党章\n学习笔记本 × 2"}


def _send(world, obj) -> dict:
    return {"courier": "中国邮政", "tracking_number": "9800001234"}


def _step(step: str):
    return lambda world, shipment: [shipment.pk, step]


PAGES = [
    page(
        "dispatch_list",
        LIST,
        listing={"大街寄送甲": SENDS["A"], "南滩寄送乙": SENDS["B"]},
    ),
    page("dispatch_create", CREATE, CREATE_IN_A, data=_dispatch_form),
    page("dispatch_detail", READ, DISPATCH_A, DISPATCH_B),
    page("tracking_import", SENDER_ONLY, DISPATCH_A, DISPATCH_B),
    page("tracking_template", SENDER_ONLY, DISPATCH_A, DISPATCH_B, shows_text=False),
    *(
        page(
            "shipment_export",
            SENDER_ONLY,
            DISPATCH_A,
            DISPATCH_B,
            args=lambda world, obj, fmt=fmt: [obj.pk, fmt],
            shows_text=False,
            label=fmt,
        )
        for fmt in ("csv", "xlsx")
    ),
    page("shipment_step", STEP_PAGE, *SHIPMENTS, args=_step("send"), data=_send, label="send"),
    page("shipment_step", STEP_PAGE, *SHIPMENTS, args=_step("deliver"), label="deliver"),
    page(
        "shipment_step",
        {"GET": {ANY: 405}, "POST": {ANY: 404}},
        SHIPMENT_A,
        args=_step("unknown"),
        label="unknown step",
    ),
    page("package_list", LIST, listing={"大街学习礼包甲": {SA}, "南滩学习礼包乙": SENDS["B"]}),
    page("package_create", CREATE, CREATE_IN_A, data=_package_form),
]

NOT_ALLOWED = {ANY: 405}
DETAIL = {"GET": SEE, "POST": NOT_ALLOWED}
API_CREATE = {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}
API_STEP = {OWNER: 200, INFLOW: 200, READER: 403}
REFUSED_STEP = {OWNER: 409, INFLOW: 409, READER: 403}


def _api_package(world, obj) -> dict:
    return {
        "organization": world["town_a"].pk,
        "name": "新礼包",
        "items": [{"title": "党章", "quantity": 1}],
    }


def _api_dispatch(world, obj) -> dict:
    return {
        "package": world["package_a"].pk,
        "organization": world["branch_a1"].pk,
        "title": "大街新寄送",
        "mobile_only": False,
    }


def _step_api(name: str, expect: dict, data=None) -> Case:
    return api(
        f"shipments/{{id}}/{name}/",
        {"GET": NOT_ALLOWED, "POST": expect},
        *SHIPMENTS,
        data=data,
        label=name,
    )


API_CASES = [
    api(
        "study-packages/",
        {"GET": {ANY: 200}, "POST": API_CREATE},
        CREATE_IN_A,
        data=_api_package,
        listing={"大街学习礼包甲": {SA}, "南滩学习礼包乙": SENDS["B"]},
    ),
    api("study-packages/{id}/", DETAIL, PACKAGE_A, PACKAGE_B),
    api(
        "package-dispatches/",
        {"GET": {ANY: 200}, "POST": API_CREATE},
        CREATE_IN_A,
        data=_api_dispatch,
        listing={"大街寄送甲": SENDS["A"], "南滩寄送乙": SENDS["B"]},
    ),
    api("package-dispatches/{id}/", DETAIL, DISPATCH_A, DISPATCH_B),
    # The walk posts JSON without a file: the sender is told the file is missing (400).
    api(
        "package-dispatches/{id}/import/",
        {"GET": NOT_ALLOWED, "POST": {OWNER: 400, READER: 403}},
        DISPATCH_A,
        DISPATCH_B,
    ),
    api(
        "shipments/",
        {"GET": {ANY: 200}, "POST": {WRITER: 405, READER: 403, NONE: 403}},
        WRITERS,
    ),
    api("shipments/{id}/", DETAIL, *SHIPMENTS),
    _step_api("send", API_STEP, _send),
    _step_api("deliver", REFUSED_STEP),
    _step_api("receive", REFUSED_STEP),
    _step_api("return", REFUSED_STEP, lambda world, obj: {"reason": "拒收"}),
    _step_api("resend", REFUSED_STEP, lambda world, obj: {"address": ADDRESS}),
    _step_api("address", API_STEP, lambda world, obj: {"address": ADDRESS + "2单元"}),
]

# The staff personas hold the management chain's permissions only: education's admin pages
# answer 403 to them (and send the others to the admin's login).
ADMIN_MODELS = [
    Model("studypackage", FOREIGN, (Target("package_a", "大街学习礼包甲"),), app="education"),
    Model("dispatch", FOREIGN, (Target("dispatch_a", "大街寄送甲"),), app="education"),
    Model("shipment", FOREIGN, (Target("shipment_a", "张善强"),), app="education", versions=True),
]

CASES = [*PAGES, *API_CASES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
