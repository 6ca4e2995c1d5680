"""The patterns open to everyone by design, each with its reason; walked like the rest."""

from tests.members.walk.cases import ANY, NOTHING, PUBLIC, SA, Case, Target
from tests.members.walk.world import ANONYMOUS

REASONS = {
    "healthz": "the load balancer's probe: ok or error per dependency, no data",
    "login": "the sign-in form",
    "logout": "signing out ends the caller's own session",
    "set_language": "the language switch sets a cookie and reads nothing",
    "letter_verify": "the QR code on a printed letter: committee, number, dates and the "
    "member's surname only, for whoever holds the paper",
    "admin:login": "the admin's sign-in form",
    "admin:javascript-catalog": "treebeard's translated interface strings (static)",
}


def public(route: str, expect: dict, *targets, **options) -> Case:
    assert route in REASONS, route
    options.setdefault("personas", (SA,))
    return Case(PUBLIC, route, expect, targets or (NOTHING,), **options)


READ_ONLY = {"GET": {ANY: 200}, "POST": {ANY: 405}}
FORM = {"GET": {ANY: 200}, "POST": {ANY: 200}}
LETTER_B = Target("letter_b")

PUBLIC_CASES = [
    public("healthz", READ_ONLY),
    public("login", FORM, data=lambda world, obj: {"username": "nobody", "password": "x"}),
    public("logout", {"GET": {ANY: 405}, "POST": {ANY: 302}}),
    public(
        "set_language",
        {"GET": {ANY: 302}, "POST": {ANY: 302}},
        data=lambda world, obj: {"language": "en"},
    ),
    public(
        "letter_verify",
        FORM,
        LETTER_B,
        args=lambda world, letter: [letter.verification_code],
        # The holder of the paper learns it is genuine, not whose it is.
        listing={"南滩街道党工委": {ANONYMOUS, SA}, "马外出": set(), "马**": {ANONYMOUS, SA}},
    ),
    public(
        "letter_verify",
        {"GET": {ANY: 404}, "POST": {ANY: 404}},
        args=lambda world, obj: ["no-such-code"],
        label="unknown code",
    ),
    public("admin:login", FORM, data=lambda world, obj: {"username": "nobody", "password": "x"}),
    public("admin:javascript-catalog", READ_ONLY),
]
