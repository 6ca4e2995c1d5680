"""The walk over the statistics table 流动党员情况 and its Excel export.

Everyone with a role reads the table of their own organisation (the default) and of any
organisation of their subtrees; another subtree's table does not exist for them, nor does any
for a user without a role. Town A is read by its secretary only; town B by its secretary and
county B's viewer, not by the receiving branch B1 below it. Both pages only read (GET).
"""

from django.utils import timezone

from tests.members.walk.cases import ANY, NONE, PAGE, RB1, READER, SA, SB, VB, Case, Target

DEFAULT = Target(roles={SA: READER, SB: READER, VB: READER, RB1: READER})
TOWN_A = Target(None, "大街街道党工委", {SA: READER})
TOWN_B = Target(None, "南滩街道党工委", {SB: READER, VB: READER})
READ = {"GET": {READER: 200, NONE: 404}, "POST": {ANY: 405}}


def build(world) -> None:
    """The world's towns, registrations and stations are what the table counts."""


def _of(town: str):
    return lambda world: f"?organization={world[town].pk}&year={timezone.localdate().year}"


def page(route: str, target: Target, label: str, **options) -> Case:
    return Case(PAGE, f"statistics:{route}", READ, (target,), label=label, **options)


CASES = [
    page("table", DEFAULT, "own organisation"),
    page("table", TOWN_A, "town A", query=_of("town_a")),
    page("table", TOWN_B, "town B", query=_of("town_b")),
    page("export", DEFAULT, "own organisation", shows_text=False),
    page("export", TOWN_A, "town A", query=_of("town_a"), shows_text=False),
    page("export", TOWN_B, "town B", query=_of("town_b"), shows_text=False),
]
