"""The walk over personal links: the secretaries' steps on a member's links (pages, API,
admin) and the public phone page with a valid, expired, revoked, tampered and unknown token.

The phone page is public by design: whoever holds the token (sent by SMS to the member's own
phone) sees the member's name and items, and nothing of anyone else; any other token gets the
same plain page (404 when it never was a link, 410 when it was one). Its answers are owed to
anonymous callers and signed-in secretaries alike.
"""

import datetime

import time_machine

from members.links.actions import link_act, link_issue, link_revoke, link_touch
from members.links.models import MemberLink
from tests.members.walk import targets as t
from tests.members.walk.cases import (
    ANY,
    API,
    NONE,
    OWNER,
    PAGE,
    PUBLIC,
    READER,
    SA,
    Case,
    Target,
)
from tests.members.walk.table_admin import Model, model_cases, staff
from tests.members.walk.world import ANONYMOUS, NOW

# Why the phone page is open to everyone (as table_public.py's REASONS).
REASONS = {
    "links:home": "the member's phone page: their name and items, for whoever holds the link "
    "sent to their phone; any other token gets one plain page that names nobody",
    "links:do": "a button of the phone page: the registered handler checks the object is the "
    "member's own",
    "links:page": "a page of one item through the link (a lesson's text), from its topic",
}

LINK_A = Target("link_a", "张善强", t.A_ONLY)
LINK_B = Target("link_b_revoked", "肖双强", t.B_OWNS)
EVENT_WAITING = Target("link_event_waiting", "李等待", t.HOSTED_IN_B1)


def build(world) -> None:
    """A live link of A's 张善强 (opened once, so reading it writes nothing now), B's revoked
    and expired links, and 李等待's report-in through a link (a timeline entry)."""
    add, users = world.objects.__setitem__, world.users
    issued = link_issue(actor=users["secretary_a"], member=world["member_a"])
    link_touch(link=issued.link, now=NOW)
    add("link_a", issued.link)
    add("token_valid", _token(issued))
    add("token_tampered", _token(issued)[:-2] + "xx")
    add("token_unknown", "1.not-a-token.x")
    revoked = link_issue(actor=users["secretary_b"], member=world["member_b"])
    add("link_b_revoked", link_revoke(actor=users["secretary_b"], link=revoked.link))
    add("token_revoked", _token(revoked))
    with time_machine.travel(NOW - datetime.timedelta(days=40), tick=False):
        expired = link_issue(actor=users["secretary_b"], member=world["member_away_b"], days=30)
    add("token_expired", _token(expired))
    waiting = link_issue(actor=users["secretary_a"], member=world["member_waiting"])
    link_act(link=waiting.link, name="report_in", target_id=world["waiting_a"].pk, data={})
    add("link_event_waiting", waiting.link.events.get())
    assert MemberLink.objects.usable(NOW).count() == 2


def _token(issued) -> str:
    return issued.path.removeprefix("/m/").removesuffix("/")


def _public(route: str, expect: dict, token: str, **options) -> Case:
    assert route in REASONS, route
    options.setdefault("personas", (SA,))
    return Case(PUBLIC, route, expect, (Target(token),), label=token, **options)


def _token_args(*rest):
    return lambda world, token: [token, *rest]


SEEN_BY_HOLDER = {"张善强": {ANONYMOUS, SA}, "李等待": set(), "肖双强": set()}


def _public_cases() -> list[Case]:
    cases = [
        _public(
            "links:home",
            {"GET": {ANY: 200}, "POST": {ANY: 405}},
            "token_valid",
            args=_token_args(),
            listing=SEEN_BY_HOLDER,
        ),
        # Another member's registration: refused by the handler, nothing written.
        _public(
            "links:do",
            {"GET": {ANY: 405}, "POST": {ANY: 302}},
            "token_valid",
            args=lambda world, token: [token, "report_in", world["waiting_a"].pk],
        ),
        _public(
            "links:page",
            {"GET": {ANY: 404}, "POST": {ANY: 405}},
            "token_valid",
            args=_token_args("nothing", 1),
        ),
    ]
    bad = {"token_tampered": 404, "token_unknown": 404, "token_revoked": 410, "token_expired": 410}
    for token, status in bad.items():
        # Anonymous only: each one counts against the client's allowance of bad tokens.
        only = {"personas": (), "listing": SEEN_BY_HOLDER}
        cases += [
            _public(
                "links:home",
                {"GET": {ANY: status}, "POST": {ANY: 405}},
                token,
                args=_token_args(),
                **only,
            ),
            _public(
                "links:do",
                {"GET": {ANY: 405}, "POST": {ANY: status}},
                token,
                args=_token_args("report_in", 1),
                **only,
            ),
            _public(
                "links:page",
                {"GET": {ANY: status}, "POST": {ANY: 405}},
                token,
                args=_token_args("lesson", 1),
                **only,
            ),
        ]
    return cases


WRITE = {OWNER: 302, READER: 403, NONE: 404}
PAGE_CASES = [
    Case(
        PAGE,
        "member_links:issue",
        {"GET": {ANY: 405}, "POST": WRITE},
        (t.FILE_A, t.FILE_B),
        data=lambda world, member: {"days": "30"},
        shows_text=False,
    ),
    Case(
        PAGE,
        "member_links:revoke",
        {"GET": {ANY: 405}, "POST": WRITE},
        (LINK_A, LINK_B),
        args=lambda world, link: [link.member_id, link.pk],
        shows_text=False,
    ),
]


def _members(world, member) -> dict:
    return {"member_id": member.pk}


API_CASES = [
    Case(
        API,
        "/api/v1/members/{member_id}/links/",
        {"GET": {OWNER: 200, READER: 200}, "POST": {OWNER: 201, READER: 403}},
        (Target("member_a", "", t.A_ONLY), Target("member_b", "", t.B_OWNS)),
        args=_members,
        data=lambda world, member: {"days": 30},
    ),
    Case(
        API,
        "/api/v1/members/{member_id}/links/{id}/revoke/",
        {"GET": {ANY: 405}, "POST": {OWNER: 200, READER: 403}},
        (Target("link_a", "", t.A_ONLY), Target("link_b_revoked", "", t.B_OWNS)),
        args=lambda world, link: {"member_id": link.member_id, "id": link.pk},
    ),
]

ADMIN_CASES = [
    *model_cases(Model("memberlink", "read-only", (staff(LINK_A), staff(LINK_B)))),
    *model_cases(Model("linkevent", "read-only", (staff(EVENT_WAITING),))),
]

CASES = [*_public_cases(), *PAGE_CASES, *API_CASES, *ADMIN_CASES]
