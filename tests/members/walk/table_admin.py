"""What every admin URL owes the staff copies of the personas, model by model.

Staff users hold every model permission of the app; what they see and change is still their
subtree's (``ScopedAdmin``). Anonymous visitors and signed-in users without staff status are
sent to the admin's login page.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse

from tests.members.walk import payloads as p
from tests.members.walk import targets as t
from tests.members.walk.cases import (
    ADMIN,
    ADMIN_INDEX,
    ANY,
    NONE,
    NOTHING,
    OWNER,
    READER,
    SA,
    WRITER,
    Case,
    Target,
    send,
)
from tests.members.walk.htmlforms import read_form
from tests.members.walk.world import ANONYMOUS, STAFF

STAFF_PERSONAS = tuple(STAFF)
SCOPED, READ_ONLY, REFERENCE, FOREIGN = "scoped", "read-only", "reference", "foreign"


def staff(target: Target) -> Target:
    """The target as the staff copies see it; either side of a record only reads it here."""
    roles = {
        copy: (OWNER if target.roles[base] == OWNER else READER)
        for copy, base in STAFF.items()
        if base in target.roles
    }
    return Target(target.key, target.text, roles)


A_ONLY = {"staff_a": OWNER}
B_OWNS = {"staff_b": OWNER, "staff_viewer_b": READER}
CREATE_IN_A = Target(roles={"staff_a": OWNER, "staff_b": WRITER, "staff_viewer_b": READER})
USERS = (Target("user_secretary_a", "马慧艳", A_ONLY), Target("user_secretary_b", "刘德花", B_OWNS))


def pair(prefix: str, text_a: str, text_b: str) -> tuple[Target, Target]:
    return Target(f"{prefix}_a", text_a, A_ONLY), Target(f"{prefix}_b", text_b, B_OWNS)


# Deleting would take along rows only an administrator may delete (attendance, ID reveals).
DELETE = {OWNER: 403, READER: 403, NONE: ADMIN_INDEX}


@dataclass(frozen=True)
class Model:
    name: str
    kind: str
    targets: tuple[Target, ...]
    app: str = "members"
    versions: bool = False  # django-simple-history's page of one version
    add: dict | None = None  # what makes the add form valid in subtree A ("@key": a world pk)
    creators: Target = CREATE_IN_A  # who may add one (with the add form above)
    changelist_query: str = ""
    titled: bool = True  # whether its pages show the target's text
    outcomes: dict = field(default_factory=dict)  # route → method → role → outcome
    exceptions: dict = field(default_factory=dict)  # route → (target, method) → role → outcome


MODELS = [
    Model("group", FOREIGN, (Target("group", "组织部干部"),), app="auth"),
    # The audit log: for the audit administrator alone, whom no persona is.
    Model(
        "auditevent",
        FOREIGN,
        (Target("audit_event", "walk-audit-probe"),),
        # Its history page looks the event up first, through a selector empty for them.
        outcomes={"history": {"GET": {ANY: ADMIN_INDEX}, "POST": {ANY: ADMIN_INDEX}}},
    ),
    Model(
        "user",
        SCOPED,
        USERS,
        add={"username": "walk_new", "password1": "Walk-2026-Long", "password2": "Walk-2026-Long"},
        # A user belongs to no subtree until given a role: any writer may add one.
        creators=Target(roles={"staff_a": OWNER, "staff_b": OWNER, "staff_viewer_b": READER}),
        # Letters and contacts they recorded protect them: the page says so (200).
        exceptions={"delete": {(user.key, "POST"): {OWNER: 200} for user in USERS}},
    ),
    Model(
        "assignment",
        SCOPED,
        (
            Target("assignment_secretary_a", "马慧艳", A_ONLY),
            Target("assignment_secretary_b", "刘德花", B_OWNS),
        ),
        versions=True,
        add={"user": "@user_secretary_a", "organization": "@branch_a1", "role": "officer"},
    ),
    Model(
        "organization",
        SCOPED,
        (
            Target("town_a", "大街街道党工委", A_ONLY),
            Target("branch_b1", "南滩街道流动党员党支部", B_OWNS),
        ),
        versions=True,
        add={
            "name": "大街新社区党支部",
            "kind": "branch",
            "region_code": "630102",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "@town_a",
        },
        changelist_query=f"?q={quote('党')}",
        # Only administrators delete organisations (members' files would go with them).
        outcomes={"delete": {"GET": {ANY: 403}, "POST": {ANY: 403}}},
    ),
    Model(
        "externalorganization",
        REFERENCE,
        (Target("external", "中共成都市武侯区某街道工委", dict.fromkeys(STAFF, READER)),),
        versions=True,
    ),
    Model(
        "member",
        SCOPED,
        (staff(t.FILE_A), staff(t.FILE_B)),
        versions=True,
        add={
            "name": "王新",
            "id_number": "@id_number",
            "organization": "@branch_a1",
            "category": "full",
            "joined_party_on": "2015-07-01",
        },
        # A's file is protected by its dues payments, B's by its hardship subsidy (the page
        # says so, deleting nothing).
        exceptions={
            "delete": {("member_a", "POST"): {OWNER: 200}, ("member_b", "POST"): {OWNER: 200}}
        },
    ),
    Model("idnumberreveal", READ_ONLY, pair("reveal", "张善强", "肖双强")),
    Model(
        "mobilerecord",
        READ_ONLY,
        (staff(t.DRAFT_A), staff(t.TAKEN_A), staff(t.RECORD_B)),
        versions=True,
    ),
    Model(
        "introductionletter",
        READ_ONLY,
        (staff(t.LETTER_TAKEN), staff(t.LETTER_B)),
        titled=False,  # a letter is titled by its number, the same in both committees
    ),
    Model("contactlog", READ_ONLY, pair("contact", "张善强", "马外出")),
    Model("lostcontactmark", READ_ONLY, pair("mark", "张善强", "马外出")),
    Model("duesrate", READ_ONLY, pair("rate", "张善强", "马外出"), versions=True),
    Model("duespayment", READ_ONLY, pair("payment", "张善强", "马外出")),
    Model("activitycardreview", READ_ONLY, pair("review", "张善强", "马外出")),
    Model("assignedwork", READ_ONLY, pair("work", "张善强", "马外出")),
    Model(
        "activity",
        SCOPED,
        (staff(t.ACTIVITY_A), staff(t.ACTIVITY_B)),
        versions=True,
        add={
            "organization": "@branch_a1",
            "kind": "group_study",
            "title": "集中学习",
            "held_at_0": "2026-12-01",
            "held_at_1": "09:00:00",
        },
        # Its attendance would go along, which only an administrator may delete.
        outcomes={"delete": {"GET": {**DELETE, OWNER: 200}, "POST": DELETE}},
    ),
    Model("attendance", READ_ONLY, pair("attendance", "张善强", "肖双强")),
    Model("notification", READ_ONLY, pair("sms", "张善强", "肖双强")),
    Model(
        "messagetemplate",
        SCOPED,
        pair("template", "大街街道党工委", "南滩街道党工委"),
        add={"kind": "discipline_reminder", "organization": "@branch_a1", "text": "{name}同志：好"},
    ),
]

SEE = {OWNER: 200, READER: 200}
GONE = {OWNER: 200, READER: 200, NONE: ADMIN_INDEX}
OUTCOMES = {
    SCOPED: {
        "add": {
            "GET": {OWNER: 200, WRITER: 200, READER: 403},
            "POST": {OWNER: 302, WRITER: 200, READER: 403},
        },
        "change": {"GET": GONE, "POST": {OWNER: 302, READER: 403, NONE: ADMIN_INDEX}},
        "delete": {
            "GET": {OWNER: 200, READER: 403, NONE: ADMIN_INDEX},
            "POST": {OWNER: 302, READER: 403, NONE: ADMIN_INDEX},
        },
    },
    READ_ONLY: {
        "add": {"GET": {ANY: 403}, "POST": {ANY: 403}},
        "change": {"GET": GONE, "POST": {ANY: 403}},
        "delete": {"GET": {ANY: 403}, "POST": {ANY: 403}},
    },
}
OUTCOMES[REFERENCE] = OUTCOMES[READ_ONLY]
ROUTES = ("changelist", "add", "change", "delete", "history", "version")


def outcomes(model: Model) -> dict:
    if model.kind == FOREIGN:  # the auth app's models, the audit log: no permission at all
        return {route: {"GET": {ANY: 403}, "POST": {ANY: 403}} for route in ROUTES} | model.outcomes
    found = {
        "changelist": {"GET": {ANY: 200}, "POST": {ANY: 200}},
        **OUTCOMES[model.kind],
        "history": {"GET": SEE, "POST": SEE},
        # A version is shown, never restored: a POST would save it past the actions.
        "version": {"GET": SEE, "POST": {OWNER: 403, READER: 403}},
    }
    return found | model.outcomes


def admin(route: str, expect: dict, *targets, **options) -> Case:
    options.setdefault("personas", STAFF_PERSONAS)
    options.setdefault("once", (ANONYMOUS, SA))
    return Case(ADMIN, route, expect, targets or (NOTHING,), **options)


def form_data(world, url: str, persona: str, form_id: str) -> dict:
    """The form as the persona's browser would post it back (read once, then remembered)."""
    key = (url, persona)
    if key not in world.forms:
        answer = send(world, persona, "GET", url, None, api=False)
        world.forms[key] = read_form(answer.body, form_id) | {"_save": ["保存"]}
    return world.forms[key]


def _value(world, value: str):
    if value == "@id_number":
        return p.new_member(world, None)["id_number"]
    return world[value.removeprefix("@")].pk if value.startswith("@") else value


def model_cases(model: Model) -> list[Case]:
    prefix = f"admin:{model.app}_{model.name}"
    expect = outcomes(model)
    seers = {target.text: {p for p in STAFF if target.role(p) != NONE} for target in model.targets}
    query = model.changelist_query
    cases = [
        admin(
            f"{prefix}_changelist",
            expect["changelist"],
            query=(lambda world: query) if query else None,
            listing={} if model.kind == FOREIGN else seers,
        ),
        admin(f"{prefix}_add", expect["add"], model.creators, data=_add_data(model, prefix)),
    ]
    for target in model.targets:
        on = {"shows_text": model.titled}
        cases += [
            admin(
                f"{prefix}_change",
                expect["change"],
                target,
                data=_form_of(f"{prefix}_change", target, OWNER),
                **on,
            ),
            admin(
                f"{prefix}_delete",
                expect["delete"],
                target,
                data=lambda world, obj: {"post": "yes"},
                exceptions=model.exceptions.get("delete", {}),
                **on,
            ),
            admin(f"{prefix}_history", expect["history"], target, **on),
        ]
        if model.versions:
            cases.append(
                admin(
                    f"{prefix}_simple_history",
                    expect["version"],
                    target,
                    args=version,
                    data=_form_of(
                        f"{prefix}_simple_history", target, READER, args=version, form="historical"
                    ),
                    **on,
                )
            )
    # ``<id>/`` only sends on to ``<id>/change/``, for every object alike.
    cases.append(
        admin(
            f"/admin/{model.app}/{model.name}/{{}}/",
            {"GET": {ANY: 302}, "POST": {ANY: 302}},
            model.targets[0],
            label="object",
        )
    )
    return cases


def version(world, obj) -> list:
    return [obj.pk, obj.history.latest("history_id").history_id]


def _add_data(model: Model, prefix: str):
    def data(world, obj) -> dict:
        if model.add is None:
            return {}
        form = form_data(world, reverse(f"{prefix}_add"), "staff_a", f"{model.name}_form")
        return form | {name: _value(world, value) for name, value in model.add.items()}

    return data


def _form_of(route: str, target: Target, role: str, args=None, form: str = ""):
    """The page's form as a staff user of that role (else the owner) would post it back."""
    persona = next(
        (p for want in (role, OWNER, READER) for p in STAFF if target.role(p) == want), None
    )

    def data(world, obj) -> dict:
        if persona is None:
            return {}
        url = reverse(route, args=args(world, obj) if args else [obj.pk])
        return form_data(world, url, persona, f"{form}{obj._meta.model_name}_form")

    return data


MODEL_CASES = [case for model in MODELS for case in model_cases(model)]
