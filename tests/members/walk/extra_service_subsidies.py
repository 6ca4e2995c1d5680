"""The walk over hardship subsidies: applications read by the member's managers, decided by
the organisation above the applying branch, never by whoever applied.

A's town applies for 张善强 (its branch A1 applies; A's town decides, but A's secretary
applied, so nobody here may decide it). B1 applies for 肖双强 and for 李建军 (A's member it
hosts): B's town decides both, B1 and B's town may withdraw them, A reads 李建军's.
Roles: OWNER is the deciding side, INFLOW the applying side alone.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from services.subsidies import actions
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

SUBSIDY_A = Target("subsidy_a", "张善强", {SA: INFLOW})
SUBSIDY_B = Target("subsidy_b", "肖双强", {SB: OWNER, RB1: INFLOW, VB: READER})
SUBSIDY_TAKEN = Target("subsidy_taken", "李建军", {SA: READER, SB: OWNER, RB1: INFLOW, VB: READER})
SUBSIDIES = (SUBSIDY_A, SUBSIDY_B, SUBSIDY_TAKEN)
PAPER_B = Target("subsidy_paper_b", "", {SB: OWNER, RB1: INFLOW, VB: READER})
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
PDF = b"%PDF-1.4\n%walk\n"


def build(world) -> None:
    add, users = world.objects.__setitem__, world.users
    for key, actor, member in (
        ("subsidy_a", "secretary_a", "member_a"),
        ("subsidy_b", "receiving_b1", "member_b"),
        ("subsidy_taken", "receiving_b1", "member_taken"),
    ):
        add(
            key,
            actions.subsidy_apply(
                actor=users[actor], member=world[member], reason="家庭困难", amount="800.00"
            ),
        )
    add(
        "subsidy_paper_b",
        actions.subsidy_attach(
            actor=users["receiving_b1"],
            application=world["subsidy_b"],
            upload=SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf"),
        ),
    )


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, f"services:subsidies:{route}", expect, targets or (NOTHING,), **options)


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/services/{path}", expect, targets or (NOTHING,), **options)


def _application(world, obj) -> dict:
    return {"member": world["member_a"].pk, "year": "2026", "amount": "500.50", "reason": "因病"}


def _step(step: str):
    return lambda world, application: [application.pk, step]


def _reason(world, obj) -> dict:
    return {"reason": "材料不全"}


SEE = {OWNER: 200, INFLOW: 200, READER: 200}
LISTED = {"张善强": {SA}, "肖双强": {SB, RB1, VB}, "李建军": {SA, SB, RB1, VB}}
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    # Another subtree's member is not one to apply for: 404.
    "POST": {OWNER: 302, WRITER: 404, READER: 403, NONE: 403},
}
DECIDE = {"GET": {ANY: 405}, "POST": {OWNER: 302, INFLOW: 403, READER: 403}}
APPLICANT = {"GET": {ANY: 405}, "POST": {OWNER: 302, INFLOW: 302, READER: 403}}

PAGES = [
    page("subsidy_list", {"GET": {ANY: 200}, "POST": {ANY: 200}}, listing=LISTED),
    page("subsidy_create", CREATE, CREATE_IN_A, data=_application),
    page("subsidy_detail", {"GET": SEE, "POST": SEE}, *SUBSIDIES),
    page("subsidy_step", DECIDE, *SUBSIDIES, args=_step("approve"), label="approve"),
    page("subsidy_step", DECIDE, *SUBSIDIES, args=_step("decline"), data=_reason, label="decline"),
    # Not approved yet: the deciding side is told so on the page, nothing changes. A's
    # secretary applied for 张善强 and also writes the deciding town: paying is not deciding.
    page(
        "subsidy_step",
        DECIDE,
        *SUBSIDIES,
        args=_step("pay"),
        label="pay",
        exceptions={("subsidy_a", "POST"): {INFLOW: 302}},
    ),
    page("subsidy_step", APPLICANT, *SUBSIDIES, args=_step("withdraw"), label="withdraw"),
    page(
        "subsidy_step",
        {"GET": {ANY: 405}, "POST": {ANY: 404}},
        SUBSIDY_B,
        args=_step("unknown"),
        label="unknown step",
    ),
    # Posted without a file: the applying side is told to choose one, nothing changes.
    page("attachment_add", APPLICANT, *SUBSIDIES),
    page(
        "attachment_download",
        {"GET": SEE, "POST": SEE},
        PAPER_B,
        args=lambda world, paper: [paper.application_id, paper.pk],
        shows_text=False,
    ),
]

NOT_ALLOWED = {ANY: 405}


def _api_step(name: str, expect: dict, data=None, **options) -> Case:
    return api(
        f"subsidies/{{id}}/{name}/",
        {"GET": NOT_ALLOWED, "POST": expect},
        *SUBSIDIES,
        data=data,
        label=name,
        **options,
    )


def _api_application(world, obj) -> dict:
    return {"member": world["member_a"].pk, "amount": "500.50", "reason": "因病"}


API_CASES = [
    api(
        "subsidies/",
        {"GET": {ANY: 200}, "POST": {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}},
        CREATE_IN_A,
        data=_api_application,
        listing=LISTED,
    ),
    api("subsidies/{id}/", {"GET": SEE, "POST": NOT_ALLOWED}, *SUBSIDIES),
    _api_step("approve", {OWNER: 200, INFLOW: 403, READER: 403}),
    _api_step("decline", {OWNER: 200, INFLOW: 403, READER: 403}, _reason),
    _api_step(
        "pay",
        {OWNER: 409, INFLOW: 403, READER: 403},
        exceptions={("subsidy_a", "POST"): {INFLOW: 409}},
    ),
    _api_step("withdraw", {OWNER: 200, INFLOW: 200, READER: 403}),
]

ADMIN_MODELS = [
    Model(
        "subsidyapplication",
        FOREIGN,
        (Target("subsidy_a", "张善强"),),
        app="services",
        versions=True,
    ),
]

CASES = [*PAGES, *API_CASES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
