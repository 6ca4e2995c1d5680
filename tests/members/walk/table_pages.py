"""What every page owes every persona: one outcome per (role, method).

Unnamed roles without access get 404; anonymous visitors are sent to the login page.
"""

from urllib.parse import quote

from tests.members.walk import payloads as p
from tests.members.walk import targets as t
from tests.members.walk.cases import (
    ANY,
    BOTH,
    EVERYONE_OWNS,
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
)

SEE = {OWNER: 200, INFLOW: 200, BOTH: 200, READER: 200}
READ = {"GET": SEE, "POST": SEE}
LIST = {"GET": {ANY: 200}, "POST": {ANY: 200}}
B_SIDE = frozenset({SB, RB1, VB})
CREATE = {
    "GET": {OWNER: 200, WRITER: 200, READER: 403, NONE: 403},
    "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403},
}
OUTFLOW_ONLY = {OWNER: 302, BOTH: 302, INFLOW: 403, READER: 403}
EITHER_SIDE = {OWNER: 302, INFLOW: 302, BOTH: 302, READER: 403}


def post_only(outcomes: dict) -> dict:
    return {"GET": {ANY: 405}, "POST": outcomes}


def page(route: str, expect: dict, *targets, **options) -> Case:
    return Case(PAGE, route, expect, targets or (NOTHING,), **options)


def query(text: str):
    return lambda world: text


def query_pk(key: str, name: str):
    return lambda world: f"?{name}={world[key].pk}"


# What each record's status allows among the steps with a form (an actor asking for another
# is sent back to the record, told why): draft_a is a draft, waiting_a and record_b wait for
# report-in, taken_a is taken in, none is registered without an inflow organisation.
FORM_STEP_RECORDS = {
    "return": {"waiting_a", "record_b"},
    "take_in": {"waiting_a", "record_b"},
    "end": {"waiting_a", "taken_a", "record_b"},
    "assign_inflow": set(),
}
RECORD_KEYS = {"draft_a", "waiting_a", "taken_a", "record_b"}


def _steps() -> list[Case]:
    """Each step of the record workflow, by the side that takes it; steps with a form show
    it first (GET 200) while the status allows them, the others go back to the record (302).
    Nobody returns or takes in for record_b's host, which is outside the system (403)."""
    sides = {
        "submit": (OWNER, BOTH),
        "resubmit": (OWNER, BOTH),
        "assign_inflow": (OWNER, BOTH),
        "delete": (OWNER, BOTH),
        "return": (INFLOW, BOTH),
        "take_in": (INFLOW, BOTH),
        "end": (OWNER, INFLOW, BOTH),
    }
    cases = []
    for step, actors in sides.items():
        refused = dict.fromkeys({OWNER, INFLOW, BOTH, READER} - set(actors), 403)
        exceptions = {
            (key, "GET"): dict.fromkeys(actors, 302)
            for key in RECORD_KEYS - FORM_STEP_RECORDS.get(step, RECORD_KEYS)
        }
        if step in {"return", "take_in"}:
            exceptions |= {("record_b", method): {BOTH: 403} for method in ("GET", "POST")}
        cases.append(
            page(
                "records:step",
                {
                    "GET": {
                        **dict.fromkeys(actors, 200 if step in FORM_STEP_RECORDS else 302),
                        **refused,
                    },
                    "POST": {**dict.fromkeys(actors, 302), **refused},
                },
                *t.RECORDS,
                args=lambda world, record, step=step: [record.pk, step],
                data=p.step(step),
                label=step,
                exceptions=exceptions,
            )
        )
    unknown = {"GET": {ANY: 404}, "POST": {ANY: 404}}
    cases.append(
        page(
            "records:step",
            unknown,
            t.TAKEN_A,
            args=lambda world, record: [record.pk, "approve"],
            label="unknown step",
        )
    )
    return cases


def _management_forms() -> list[Case]:
    """Either side manages a member; only the home side sets the dues rate (the inflow side
    is refused the form). A member marked lost (member_a, member_away_b) is not marked again,
    nor one not marked (member_taken) found again: back to the member, told why."""
    cases = []
    back = {OWNER: 302, INFLOW: 302}
    for name in ("contact", "lost-contact", "contact-regained", "dues-rate", "dues-payment"):
        exceptions = {}
        if name == "dues-rate":
            exceptions |= {("member_taken", method): {INFLOW: 403} for method in ("GET", "POST")}
        if name == "lost-contact":
            exceptions |= {
                (key, method): back
                for key in ("member_a", "member_away_b")
                for method in ("GET", "POST")
            }
        if name == "contact-regained":
            exceptions |= {("member_taken", method): back for method in ("GET", "POST")}
        cases.append(_management_form(name, exceptions))
    cases += [_management_form(name, {}) for name in ("card-review", "work")]
    cases.append(
        page(
            "management:member_form",
            {"GET": {ANY: 404}, "POST": {ANY: 404}},
            t.MANAGED_A,
            args=lambda world, member: [member.pk, "transfer"],
            label="unknown form",
        )
    )
    return cases


def _management_form(name: str, exceptions: dict) -> Case:
    return page(
        "management:member_form",
        {
            "GET": {OWNER: 200, INFLOW: 200, READER: 403},
            "POST": {OWNER: 302, INFLOW: 302, READER: 403},
        },
        *t.MANAGED,
        args=lambda world, member: [member.pk, name],
        data=p.management(name),
        exceptions=exceptions,
        label=name,
    )


PAGES = [
    page("home", LIST, listing={"张善强": {SA}, "肖双强": B_SIDE}),
    # The API's description and its Swagger page: any signed-in user, no data in either.
    page("api-schema", {"GET": {ANY: 200}, "POST": {ANY: 405}}, signed_out=403),
    page("api-docs", {"GET": {ANY: 200}, "POST": {ANY: 405}}),
    # --- The organisation tree -------------------------------------------------------------
    page(
        "organizations:tree",
        LIST,
        listing={"大街街道党工委": {SA}, "南滩街道流动党员党支部": B_SIDE},
    ),
    page(
        "organizations:tree",
        {"GET": {OWNER: 200}, "POST": {OWNER: 200}},
        t.ORG_A,
        args=lambda world, org: [],
        query=query_pk("town_a", "root"),
        label="?root=",
    ),
    page("organizations:detail", READ, t.ORG_A, t.ORG_B1),
    page(
        "organizations:lookup",
        {"GET": {READER: 200, NONE: 403}, "POST": {ANY: 405}},
        t.WITH_A_ROLE,
        query=query("?q=" + quote("党支部")),
    ),
    # --- Member files --------------------------------------------------------------------
    page(
        "members:member_list",
        LIST,
        listing={"张善强": {SA}, "李建军": {SA}, "肖双强": B_SIDE},
    ),
    page(
        "members:member_list",
        LIST,
        query=query_pk("town_a", "organization"),
        listing={"张善强": {SA}, "肖双强": B_SIDE},
        label="?organization=A",
    ),
    page("members:member_create", CREATE, t.CREATE_IN_A, data=p.new_member),
    page("members:member_detail", READ, t.FILE_A, t.FILE_TAKEN, t.FILE_B),
    page(
        "members:member_edit",
        {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}},
        t.FILE_A,
        t.FILE_B,
        data=p.member_fields,
    ),
    page(
        "members:member_reveal_id",
        post_only({OWNER: 200, READER: 403}),
        t.FILE_A,
        t.FILE_B,
        data=p.reason,
    ),
    page(
        "members:family_add",
        post_only({OWNER: 302, READER: 403}),
        t.FILE_A,
        t.FILE_B,
        data=p.relative,
    ),
    page(
        "members:family_remove",
        post_only({OWNER: 302, READER: 403}),
        t.FILE_A,
        t.FILE_B,
        args=lambda world, member: [member.pk, member.family.get().pk],
    ),
    page(
        "members:family_remove",
        post_only({ANY: 404}),
        t.FILE_A,
        args=lambda world, member: [member.pk, world["relative_b"].pk],
        label="another member's relative",
    ),
    # --- Mobile records and letters --------------------------------------------------------
    page(
        "records:list",
        LIST,
        listing={"李草稿": {SA}, "李等待": {SA}, "李建军": {SA}, "马外出": B_SIDE},
    ),
    page(
        "records:list",
        LIST,
        query=query("?side=inflow"),
        listing={"李草稿": set(), "李等待": B_SIDE, "李建军": B_SIDE, "马外出": set()},
        label="?side=inflow",
    ),
    page(
        "records:inbox",
        LIST,
        listing={"李草稿": set(), "李等待": B_SIDE, "李建军": set(), "马外出": set()},
    ),
    page(
        "records:create",
        {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}},
        t.FILE_A,
        t.FILE_B,
        data=p.registration,
    ),
    page("records:register_inflow", CREATE, t.CREATE_IN_B1, data=p.arrival),
    page("records:detail", READ, *t.RECORDS),
    page(
        "records:edit",
        {"GET": {OWNER: 302, BOTH: 302, INFLOW: 403, READER: 403}, "POST": OUTFLOW_ONLY},
        *t.RECORDS,
        data=p.registration,
        # Only a draft or a returned registration is edited; the others go back to the record.
        exceptions={("draft_a", "GET"): {OWNER: 200}},
    ),
    *_steps(),
    page("records:note", post_only(EITHER_SIDE), *t.RECORDS, data=p.note),
    page(
        "records:co_management",
        {"GET": {**EITHER_SIDE, OWNER: 200, INFLOW: 200, BOTH: 200}, "POST": EITHER_SIDE},
        *t.RECORDS,
        data=p.co_management,
    ),
    page(
        "records:letter_issue",
        {"GET": {OWNER: 200, BOTH: 200, INFLOW: 403, READER: 403}, "POST": OUTFLOW_ONLY},
        *t.RECORDS,
        data=p.letter,
        # A draft gets no letter: back to the record, told why.
        exceptions={("draft_a", "GET"): {OWNER: 302}},
    ),
    page("records:letter_detail", READ, t.LETTER_TAKEN, t.LETTER_B),
    page("records:letter_pdf", READ, t.LETTER_TAKEN, t.LETTER_B),
    page(
        "records:letter_print",
        post_only({**EITHER_SIDE, OWNER: 200, INFLOW: 200, BOTH: 200}),
        t.LETTER_TAKEN,
        t.LETTER_B,
    ),
    page("records:letter_return_slip", post_only(EITHER_SIDE), t.LETTER_TAKEN, t.LETTER_B),
    # --- Organisational life ---------------------------------------------------------------
    page(
        "orglife:activity_list",
        LIST,
        # Held in the subtree; one its members attended elsewhere opens from their file.
        listing={"大街社区十一月主题党日": {SA}, "南滩流动党员支部党课": B_SIDE},
    ),
    page(
        "orglife:activity_list",
        LIST,
        query=query_pk("town_a", "organization"),
        listing={"大街社区十一月主题党日": {SA}, "南滩流动党员支部党课": B_SIDE},
        label="?organization=A",
    ),
    page("orglife:activity_create", CREATE, t.CREATE_IN_A, data=p.new_activity),
    page("orglife:activity_detail", READ, t.ACTIVITY_A, t.ACTIVITY_B),
    page(
        "orglife:activity_edit",
        {"GET": {OWNER: 200, READER: 403}, "POST": {OWNER: 302, READER: 403}},
        t.ACTIVITY_A,
        t.ACTIVITY_B,
        data=p.activity_fields,
    ),
    # Attendance is recorded: deleting is refused on the page (302 with a message).
    page(
        "orglife:activity_delete",
        # GET asks first; this activity has attendance, so it goes back to it, told why.
        {"GET": {OWNER: 302, READER: 403}, "POST": {OWNER: 302, READER: 403}},
        t.ACTIVITY_A,
    ),
    page(
        "orglife:attendance_save",
        post_only({OWNER: 302, READER: 403}),
        t.ACTIVITY_A,
        t.ACTIVITY_B,
        data=p.attendance,
    ),
    page(
        "orglife:activity_notify",
        post_only({OWNER: 302, READER: 403}),
        t.ACTIVITY_A,
        t.ACTIVITY_B,
    ),
    page("orglife:organization_year", READ, t.ORG_A, t.ORG_B1),
    page("orglife:member_message", CREATE, t.CREATE_IN_A, data=p.message),
    # --- Differentiated management ---------------------------------------------------------
    page("management:warnings", LIST, listing={"李草稿": set()}),
    page("management:member", READ, *t.MANAGED),
    *_management_forms(),
    # --- The inbox -------------------------------------------------------------------------
    page("notifications:inbox", LIST, listing={"站内信a": {SA}, "站内信b": {SB}}),
    page("notifications:read", post_only({ANY: 302}), t.INBOX_A),
    page("notifications:read_all", post_only({ANY: 302}), EVERYONE_OWNS),
    # --- Messages sent to members --------------------------------------------------------------
    page("notifications:sent", LIST, listing={"短信a": {SA}, "短信b": {SB, RB1, VB}}),
    page(
        "notifications:resend",
        post_only({OWNER: 302, READER: 403}),
        t.SMS_A,
        t.SMS_B,
    ),
]
