"""What every API path owes every persona, per method: GET and POST on every path, and the
other methods each path's operations declare.

Querysets scope (404 outside), permission classes keep read-only roles out (403), actions
refuse the other side's steps (403) and steps the workflow does not allow (409). Anonymous
callers get DRF's 403 (session authentication comes first and asks for no credentials).
"""

from tests.members.walk import payloads as p
from tests.members.walk import targets as t
from tests.members.walk.cases import (
    ANY,
    API,
    BOTH,
    INFLOW,
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

B_SIDE = frozenset({SB, RB1, VB})
SEE = {OWNER: 200, INFLOW: 200, BOTH: 200, READER: 200}
NOT_ALLOWED = {ANY: 405}
LIST = {"GET": {ANY: 200}, "POST": NOT_ALLOWED}
CREATE = {OWNER: 201, WRITER: 400, READER: 403, NONE: 403}
DETAIL = {"GET": SEE, "POST": NOT_ALLOWED}
OUTFLOW_STEP = {OWNER: 409, BOTH: 409, INFLOW: 403, READER: 403}
INFLOW_STEP = {INFLOW: 200, BOTH: 200, OWNER: 403, READER: 403}
EITHER_SIDE = {OWNER: 200, INFLOW: 200, BOTH: 200, READER: 403}
# A filter naming an organisation the caller cannot see is a bad request, as for a missing one.
FOREIGN_FILTER = {"GET": {OWNER: 200, NONE: 400}}


def api(path: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("args", api_id)
    return Case(API, f"/api/v1/{path}", expect, targets or (NOTHING,), **options)


def filtered(path: str, query: str):
    """The list filtered by town A, which only A's secretary may name."""
    return api(
        path,
        FOREIGN_FILTER,
        Target(roles={SA: OWNER}),
        query=lambda world: f"?{query}={world['town_a'].pk}",
        label=f"?{query}=A",
    )


def record_step(name: str, outcomes: dict, exceptions: dict | None = None) -> Case:
    return api(
        f"records/{{id}}/{name}/",
        {"GET": NOT_ALLOWED, "POST": outcomes},
        *t.RECORDS,
        data=p.api_step(name),
        exceptions={(key, "POST"): value for key, value in (exceptions or {}).items()},
    )


def _management_steps() -> list[Case]:
    """The page forms' fields, posted: as on the pages, the form's own refusals are 400."""
    cases = []
    for name in (
        "contact",
        "lost-contact",
        "contact-regained",
        "dues-rate",
        "dues-payment",
        "card-review",
        "work",
    ):
        exceptions = {}
        if name == "dues-rate":
            exceptions[("member_taken", "POST")] = {INFLOW: 403}
        if name == "lost-contact":
            exceptions |= {(key, "POST"): {OWNER: 400} for key in ("member_a", "member_away_b")}
        if name == "contact-regained":
            exceptions[("member_taken", "POST")] = {OWNER: 400, INFLOW: 400}
        cases.append(
            api(
                "management/members/{id}/{step}/",
                {"GET": NOT_ALLOWED, "POST": {OWNER: 201, INFLOW: 201, READER: 403}},
                *t.MANAGED,
                args=lambda world, member, name=name: {"id": member.pk, "step": name},
                data=p.management(name),
                exceptions=exceptions,
                label=name,
            )
        )
    cases.append(
        api(
            "management/members/{id}/{step}/",
            {"GET": NOT_ALLOWED, "POST": {ANY: 404}},
            t.MANAGED_A,
            args=lambda world, member: {"id": member.pk, "step": "transfer"},
            label="unknown step",
        )
    )
    return cases


def _read_only(path: str, targets: tuple, listing: dict, *, writers_first=False) -> list[Case]:
    """A list and its items; with ``writers_first``, a write needs a write role (403) before
    the method is found missing (405)."""
    expect, everyone = LIST, NOTHING
    if writers_first:
        expect = {"GET": {ANY: 200}, "POST": {WRITER: 405, READER: 403, NONE: 403}}
        everyone = Target(roles={SA: WRITER, SB: WRITER, RB1: WRITER, VB: READER})
    return [
        api(f"{path}/", expect, everyone, listing=listing),
        api(f"{path}/{{id}}/", DETAIL, *targets),
    ]


OPERATIONS = [
    # --- Organisations ---------------------------------------------------------------------
    api(
        "organizations/",
        {"GET": {ANY: 200}, "POST": CREATE},
        t.CREATE_IN_A,
        data=p.new_organization,
        listing={"大街街道党工委": {SA}, "南滩街道流动党员党支部": B_SIDE},
    ),
    filtered("organizations/", "within"),
    api(
        "organizations/{id}/",
        {**DETAIL, "PUT": {OWNER: 200, READER: 403}, "PATCH": {OWNER: 200, READER: 403}},
        t.ORG_A,
        t.ORG_B1,
        data=p.organization_fields,
    ),
    # --- Member files ----------------------------------------------------------------------
    api(
        "members/",
        {"GET": {ANY: 200}, "POST": CREATE},
        t.CREATE_IN_A,
        data=p.new_member,
        listing={"张善强": {SA}, "李建军": {SA}, "肖双强": B_SIDE},
    ),
    filtered("members/", "organization"),
    api(
        "members/{id}/",
        {**DETAIL, "PUT": {OWNER: 200, READER: 403}, "PATCH": {OWNER: 200, READER: 403}},
        t.FILE_A,
        t.FILE_TAKEN,
        t.FILE_B,
        data=p.api_member,
    ),
    api(
        "members/{id}/reveal-id/",
        {"GET": NOT_ALLOWED, "POST": {OWNER: 200, READER: 403}},
        t.FILE_A,
        t.FILE_B,
        data=p.reason,
    ),
    # --- Mobile records and letters --------------------------------------------------------
    api(
        "records/",
        {"GET": {ANY: 200}, "POST": CREATE},
        t.CREATE_IN_A,
        data=p.api_registration,
        listing={
            "李草稿": {SA},
            "李等待": {SA, *B_SIDE},
            "李建军": {SA, *B_SIDE},
            "马外出": B_SIDE,
        },
    ),
    api(
        "records/",
        {"GET": {ANY: 200}},
        query=lambda world: "?side=inflow",
        listing={"李草稿": set(), "李等待": B_SIDE, "李建军": B_SIDE, "马外出": set()},
        label="?side=inflow",
    ),
    api(
        "records/{id}/",
        {
            **DETAIL,
            "PATCH": {OWNER: 409, BOTH: 409, INFLOW: 403, READER: 403},
            "DELETE": {OWNER: 409, BOTH: 409, INFLOW: 403, READER: 403},
        },
        *t.RECORDS,
        data=p.co_management,
        # Only a draft changes, and only a draft is deleted (a submitted one is ended).
        exceptions={("draft_a", "PATCH"): {OWNER: 200}, ("draft_a", "DELETE"): {OWNER: 204}},
    ),
    record_step("assign-inflow", OUTFLOW_STEP),
    record_step("co-management", EITHER_SIDE),
    record_step("end", EITHER_SIDE, {"draft_a": {OWNER: 409}}),
    record_step(
        "letters",
        {OWNER: 201, BOTH: 201, INFLOW: 403, READER: 403},
        {"draft_a": {OWNER: 409}},
    ),
    record_step("notes", EITHER_SIDE),
    record_step("resubmit", OUTFLOW_STEP),
    # record_b's host is outside the system: nobody returns or takes in on its behalf.
    record_step("return", INFLOW_STEP, {"taken_a": {INFLOW: 409}, "record_b": {BOTH: 403}}),
    record_step("submit", OUTFLOW_STEP, {"draft_a": {OWNER: 200}}),
    record_step("take-in", INFLOW_STEP, {"taken_a": {INFLOW: 409}, "record_b": {BOTH: 403}}),
    *_read_only(
        "letters",
        (t.LETTER_TAKEN, t.LETTER_B),
        {"大街街道党工委": {SA, *B_SIDE}, "南滩街道党工委": B_SIDE},
        writers_first=True,
    ),
    api(
        "letters/{id}/return-slip/",
        {"GET": NOT_ALLOWED, "POST": EITHER_SIDE},
        t.LETTER_TAKEN,
        t.LETTER_B,
    ),
    # --- Organisational life ---------------------------------------------------------------
    api(
        "activities/",
        {"GET": {ANY: 200}, "POST": CREATE},
        t.CREATE_IN_A,
        data=p.new_activity,
        # Held in the subtree; one its members attended elsewhere opens by its id.
        listing={"大街社区十一月主题党日": {SA}, "南滩流动党员支部党课": B_SIDE},
    ),
    filtered("activities/", "organization"),
    api(
        "activities/{id}/",
        {
            **DETAIL,
            "PATCH": {OWNER: 200, READER: 403},
            # Attendance is recorded: the action refuses (400) to delete it.
            "DELETE": {OWNER: 400, READER: 403},
        },
        t.ACTIVITY_A,
        t.ACTIVITY_B,
        data=p.activity_fields,
    ),
    api(
        "activities/{id}/attendance/",
        {"GET": SEE, "POST": {OWNER: 200, READER: 403}},
        t.ACTIVITY_A,
        t.ACTIVITY_B,
        data=p.api_attendance,
        shows_text=False,
    ),
    api(
        "activities/{id}/attendance/",
        {"GET": SEE},
        t.ACTIVITY_B,
        # A reads its own member's line of B1's sheet, not B1's members'.
        listing={"李建军": {SA, *B_SIDE}, "肖双强": B_SIDE},
        shows_text=False,
        label="lines by reader",
    ),
    # --- Differentiated management ---------------------------------------------------------
    api("management/warnings/", LIST, listing={"李草稿": set()}),
    api("management/members/{id}/", DETAIL, *t.MANAGED, shows_text=False),
    *_management_steps(),
    *_read_only(
        "management/contacts",
        t.CONTACTS,
        {"联系a": {SA}, "联系taken": {SA, *B_SIDE}, "联系b": B_SIDE},
    ),
    api(
        "management/contacts/",
        {"GET": {ANY: 200}},
        query=lambda world: f"?member={world['member_away_b'].pk}",
        listing={"联系b": B_SIDE},
        label="?member=B",
    ),
    *_read_only("management/dues-payments", t.PAYMENTS, {}),
    *_read_only("management/card-reviews", t.REVIEWS, {}),
]
