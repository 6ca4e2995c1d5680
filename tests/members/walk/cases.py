"""The walk's vocabulary: roles, targets and cases, and how one request is sent and judged.

A *target* is an object of the world and the role each persona has towards it; a *case* is a
URL pattern (or an API path) with the outcome it owes each role, per method. Walking a case
sends every (target, persona, method) request inside a savepoint that is rolled back, so each
starts from the same world. Every statement a request sends is watched: if one could write,
every table is compared with the world's fingerprint, and only an actor's request that owes a
success may have changed anything.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tests.members.walk.world import ADMINISTRATORS, ANONYMOUS, PERSONAS, STAFF, World

# A persona's role towards a target.
OWNER = "owner"  # writes it; for a mobile record, the outflow (home) side
INFLOW = "inflow"  # the inflow side of a record, or the host of a member: writes its own part
BOTH = "both"  # both sides of a record whose other side is outside the system
READER = "reader"  # reads it, may change nothing of it
WRITER = "writer"  # writes elsewhere, not here (pages that create something in one place)
NONE = "none"  # sees nothing of it
ANY = "any"  # in an expectation: every role not named

ACTORS = frozenset({OWNER, INFLOW, BOTH})
SEES = frozenset({OWNER, INFLOW, BOTH, READER})

LOGIN = "302 → /login/"
ADMIN_LOGIN = "302 → /admin/login/"
# The admin's answer for an object it cannot find (or may not see): back to its index.
ADMIN_INDEX = "302 → /admin/"

SA, SB, VB, RB1, _OUTSIDER = PERSONAS

PAGE, API, ADMIN, PUBLIC = "page", "api", "admin", "public"
ANONYMOUS_ANSWER = {PAGE: LOGIN, API: 403, ADMIN: ADMIN_LOGIN}


@dataclass(frozen=True)
class Target:
    """An object of the world (``key``) and each persona's role towards it (others: none)."""

    key: str | None = None
    text: str = ""  # shown to whoever sees the object, in no answer to anyone else
    roles: Mapping[str, str] = field(default_factory=dict)

    def role(self, persona: str) -> str:
        return self.roles.get(persona, NONE)


NOTHING = Target()  # pages about no object in particular
EVERYONE_OWNS = Target(roles=dict.fromkeys(PERSONAS, OWNER))  # e.g. one's own inbox


def pk(world: World, obj) -> list:
    return [obj.pk] if obj is not None else []


def api_id(world: World, obj) -> dict:
    return {"id": obj.pk} if obj is not None else {}


@dataclass(frozen=True)
class Case:
    """One URL pattern (or API path) walked over its targets, personas and methods."""

    kind: str
    route: str  # URL name to reverse; for the API, the OpenAPI path
    expect: Mapping[str, Mapping[str, object]]  # method → role → status (or LOGIN)
    targets: tuple[Target, ...] = (NOTHING,)
    args: Callable = pk  # (world, object) → reverse args (API: path parameters)
    query: Callable[[World], str] | None = None
    data: Callable | None = None  # (world, object) → what the other methods send
    listing: Mapping[str, frozenset] = field(default_factory=dict)  # text → who sees it
    personas: tuple[str, ...] = PERSONAS
    once: tuple[str, ...] = (ANONYMOUS,)  # asked on the first target only
    exceptions: Mapping[tuple[str, str], Mapping[str, object]] = field(default_factory=dict)
    shows_text: bool = True  # whether a GET that reads the target shows its text
    signed_out: object = None  # owed to anonymous callers (and non-staff in the admin)
    gap: str = ""  # a known hole, reported and not yet closed: the case must fail until it is
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.route}{' ' + self.label if self.label else ''}"

    def url(self, world: World, target: Target) -> str:
        obj = world[target.key] if target.key else None
        args = self.args(world, obj)
        if self.kind == API:
            path = self.route.format(**args)
        elif self.route.startswith("/"):  # a pattern without a name
            path = self.route.format(*args)
        else:
            path = reverse(self.route, args=args)
        return path + (self.query(world) if self.query else "")

    def expected(self, method: str, target: Target, persona: str):
        in_admin = persona in STAFF or persona in ADMINISTRATORS
        outside = persona == ANONYMOUS or (self.kind == ADMIN and not in_admin)
        if outside and self.signed_out is not None:
            return self.signed_out
        if persona == ANONYMOUS and self.kind in ANONYMOUS_ANSWER:
            return ANONYMOUS_ANSWER[self.kind]
        if self.kind == ADMIN and not in_admin:
            return ADMIN_LOGIN  # signed in, but not staff
        role = NONE if persona == ANONYMOUS else target.role(persona)
        special = self.exceptions.get((target.key, method), {})
        table = self.expect[method]
        for key in (role, ANY):
            if key in special:
                return special[key]
            if key in table:
                return table[key]
        if role == NONE:
            return 404
        raise KeyError(f"{self.id}: no outcome for {method} by a {role}")


@dataclass
class Answer:
    status: int
    location: str = ""
    body: str = ""
    changed: list[str] = field(default_factory=list)


def send(world: World, persona: str, method: str, url: str, data, *, api: bool) -> Answer:
    """Send one request from a fresh client carrying the persona's session and CSRF token;
    roll back whatever it did, after noting which tables it changed."""
    client = Client(enforce_csrf_checks=True)
    for name, value in world.cookies[persona].items():
        client.cookies[name] = value
    token = world.cookies[persona]["csrftoken"]
    kwargs = {}
    if method != "GET" and api:
        kwargs = {
            "data": json.dumps(data or {}),
            "content_type": "application/json",
            "headers": {"X-CSRFToken": token},
        }
    elif method != "GET":
        kwargs = {"data": {**(data or {}), "csrfmiddlewaretoken": token}}
    writes = WriteWatch()
    with transaction.atomic(), connection.execute_wrapper(writes):
        response = getattr(client, method.lower())(url, **kwargs)
        # Without a write statement the world is as built; with one, compare every table.
        changed = world.changed_tables() if writes.seen else []
        transaction.set_rollback(True)
    return Answer(response.status_code, response.get("Location", ""), _text(response), changed)


def _text(response) -> str:
    """The answer as text a reader sees (JSON with its escapes undone); nothing for files."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json") and response.content:
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    return response.content.decode() if content_type.startswith("text/") else ""


def params(cases: list[Case]) -> list:
    """The cases as test parameters; a known gap is a strict expected failure."""
    gap = pytest.mark.xfail
    return [
        pytest.param(case, id=case.id, marks=gap(reason=case.gap, strict=True) if case.gap else ())
        for case in cases
    ]


class WriteWatch:
    """Notes whether any statement that can change a row went to the database."""

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self):
        self.seen = False

    def __call__(self, execute, sql, params, many, context):
        self.seen = self.seen or sql.lstrip().upper().startswith(self.WRITES)
        return execute(sql, params, many, context)


def walk(world: World, case: Case) -> tuple[int, list[str]]:
    """Send every request of the case; return how many and what went otherwise than owed."""
    sent, wrong = 0, []
    for index, target in enumerate(case.targets):
        url = case.url(world, target)
        # The anonymous answer does not depend on the object: ask it once per pattern.
        personas = (*case.once, *case.personas) if index == 0 else case.personas
        for persona in personas:
            for method in case.expect:
                owed = case.expected(method, target, persona)
                obj = world[target.key] if target.key else None
                data = case.data(world, obj) if case.data and method != "GET" else None
                answer = send(world, persona, method, url, data, api=case.kind == API)
                sent += 1
                where = f"{method} {url} as {persona} ({target.role(persona)})"
                problems = judge(case, target, persona, method, owed, answer, url)
                wrong += [f"{where}: {problem}" for problem in problems]
    return sent, wrong


def judge(case: Case, target: Target, persona: str, method: str, owed, answer: Answer, url: str):
    """What is wrong with the answer: status, login redirect, data shown or hidden, writes."""
    role = NONE if persona == ANONYMOUS else target.role(persona)
    problems = []
    if owed in (LOGIN, ADMIN_LOGIN):
        login = "/login/" if owed == LOGIN else "/admin/login/"
        location = f"{login}?next={quote(url, safe='/')}"
        if (answer.status, answer.location) != (302, location):
            problems.append(f"expected 302 → {location}, got {answer.status} {answer.location}")
    elif owed == ADMIN_INDEX:
        if (answer.status, answer.location) != (302, "/admin/"):
            problems.append(f"expected {owed}, got {answer.status} {answer.location}")
    elif answer.status != owed:
        problems.append(f"expected {owed}, got {answer.status} {answer.location}".rstrip())
    if target.text and answer.body:
        shown = target.text in answer.body
        reads = method == "GET" and answer.status == 200 and case.shows_text
        if role in SEES and reads and not shown:
            problems.append(f"expected {target.text!r} to be shown")
        if role == NONE and shown:
            problems.append(f"expected {target.text!r} to be hidden, it is shown")
    if answer.status == 200 and answer.body:
        for text, seers in case.listing.items():
            if (text in answer.body) != (persona in seers):
                verb = "shown" if persona in seers else "hidden"
                problems.append(f"expected {text!r} to be {verb}")
    succeeds = isinstance(owed, int) and 200 <= owed < 400
    if answer.changed and not (role in ACTORS and succeeds):
        problems.append(f"expected no change, changed {', '.join(answer.changed)}")
    return problems
