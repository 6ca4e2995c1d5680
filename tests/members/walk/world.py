"""The walk's world: subtrees A and B holding an object of every kind, and the personas.

A is 大街街道 (town A, branch A1), whose secretary owns its files, records, letters, activities
and messages; B is 南滩街道 (town B, mobile branch B1), which hosts two of A's mobile members
and has files, a registration and a letter of its own. Built once through the actions, with
sessions and CSRF tokens for every persona, and a fingerprint of every table to prove that a
refused request changed nothing. The ``staff_*`` personas are copies of three of the others
with staff status and every model permission of the app, for the admin.
"""

import datetime
import importlib
import itertools
import pkgutil
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from members.audit.actions import Kind, Outcome, audit_record
from members.audit.models import AuditEvent
from members.files import actions as files
from members.followup import actions as followup
from members.mobility import actions as mobility
from members.orglife.actions import AttendanceEntry, activity_create, attendance_record
from members.outbox.models import MessageTemplate, Notification
from tests.factories import (
    UserFactory,
    VerifiedClient,
    assign,
    make_external_organization,
    make_member,
    make_organization,
    make_record,
    system_user,
)
from tests.members import walk as walk_package

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 11, 26, 10, tzinfo=ZONE)
D = datetime.date

PERSONAS = ("secretary_a", "secretary_b", "viewer_b", "receiving_b1", "outsider")
STAFF = {"staff_a": "secretary_a", "staff_b": "secretary_b", "staff_viewer_b": "viewer_b"}
STAFF_NAMES = {"staff_a": "大街后台", "staff_b": "南滩后台", "staff_viewer_b": "城中区后台"}
ANONYMOUS = "anonymous"


@dataclass
class World:
    """The objects by key, the users by persona, their cookies, and the tables as built."""

    objects: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    baseline: dict = field(default_factory=dict)
    forms: dict = field(default_factory=dict)  # admin forms as read back, by (URL, persona)

    def __getitem__(self, key: str):
        return self.objects[key]

    def changed_tables(self) -> list[str]:
        """The tables whose rows differ from the world as built."""
        now = fingerprint()
        return sorted(table for table, rows in now.items() if rows != self.baseline.get(table))


def extensions() -> list:
    """The walk's extensions, one module per topic added later (``extra_<topic>.py``): each
    has ``build(world)``, adding its objects to the world, and ``CASES``, walked by
    test_extra.py and counted by test_coverage.py."""
    package = "tests.members.walk"
    names = sorted(
        name
        for _finder, name, _is_package in pkgutil.iter_modules(walk_package.__path__)
        if name.startswith("extra_")
    )
    return [importlib.import_module(f"{package}.{name}") for name in names]


def fingerprint() -> dict[str, tuple]:
    """Every row of every table of the apps (with history and many-to-many tables) and of
    groups; sessions excepted, which a request may touch without changing anything, and the
    audit log, to which a refused request (or a download) adds its row by design."""
    models = [
        *(
            model
            for app in ("members", "education", "services")
            for model in apps.get_app_config(app).get_models(include_auto_created=True)
        ),
        Group,
        Group.permissions.through,
    ]
    models.remove(AuditEvent)
    return {
        model._meta.db_table: tuple(model._base_manager.order_by("pk").values_list())
        for model in models
    }


def build() -> World:
    world = World()
    _tree(world)
    _people(world)
    _files(world)
    _records(world)
    _management(world)
    _orglife(world)
    _outbox(world)
    for extension in extensions():
        extension.build(world)
    _sessions(world)
    world.baseline = fingerprint()
    return world


def _tree(world: World) -> None:
    add = world.objects.__setitem__
    add("city", make_organization("中共西宁市委", kind="city", region_code="630100"))
    add("county_a", make_organization("中共西宁市城东区委", parent=world["city"], kind="county"))
    add("town_a", make_organization("大街街道党工委", parent=world["county_a"], kind="town"))
    add("branch_a1", make_organization("大街社区党支部", parent=world["town_a"]))
    b = {"region_code": "630103"}
    add(
        "county_b",
        make_organization("中共西宁市城中区委", parent=world["city"], kind="county", **b),
    )
    add("town_b", make_organization("南滩街道党工委", parent=world["county_b"], kind="town", **b))
    add(
        "branch_b1",
        make_organization(
            "南滩街道流动党员党支部", parent=world["town_b"], kind="mobile_branch", **b
        ),
    )


def _people(world: World) -> None:
    places = {
        "secretary_a": ("mahuiyan", "马慧艳", "town_a", "secretary"),
        "secretary_b": ("liudehua", "刘德花", "town_b", "secretary"),
        "viewer_b": ("czq_viewer", "城中区组织部", "county_b", "viewer"),
        "receiving_b1": ("nantan_branch", "南滩流动支部书记", "branch_b1", "secretary"),
        "outsider": ("outsider", "无关用户", None, None),
    }
    permissions = list(Permission.objects.filter(content_type__app_label="members"))
    for persona, (username, name, place, role) in places.items():
        world.users[persona] = UserFactory(username=username, full_name=name)
        world.objects[f"user_{persona}"] = world.users[persona]
        if place:
            world.objects[f"assignment_{persona}"] = assign(
                world.users[persona], world[place], role
            )
    for staff, persona in STAFF.items():
        _username, _name, place, role = places[persona]
        user = UserFactory(username=staff, full_name=STAFF_NAMES[staff], is_staff=True)
        user.user_permissions.set(permissions)
        assign(user, world[place], role)
        world.users[staff] = user
    world.objects["group"] = Group.objects.create(name="组织部干部")
    world.objects["audit_event"] = audit_record(
        kind=Kind.LOGIN_FAILED, username="walk-audit-probe", outcome=Outcome.FAILED
    )


def _files(world: World) -> None:
    add, actor = world.objects.__setitem__, system_user()
    # Both celebrate their political birthday this week (the home page lists them).
    add("member_a", make_member(world["branch_a1"], name="张善强", joined_party_on=D(2010, 11, 28)))
    add("member_b", make_member(world["branch_b1"], name="肖双强", joined_party_on=D(2008, 11, 27)))
    for side, name in (("a", "张老汉"), ("b", "肖奶奶")):
        member = world[f"member_{side}"]
        add(
            f"relative_{side}",
            files.family_member_add(
                actor=actor, member=member, name=name, relation="父亲", care_kind="elder"
            ),
        )
        files.member_reveal_id_number(actor=actor, member=member, reason="核对身份")
        add(f"reveal_{side}", member.id_reveals.get())


def _records(world: World) -> None:
    """A's registrations in each state the other side sees differently, and B's own."""
    add, users = world.objects.__setitem__, world.users
    branch_a1, branch_b1 = world["branch_a1"], world["branch_b1"]
    add("member_draft", make_member(branch_a1, name="李草稿"))
    add("draft_a", make_record(world["member_draft"], submit=False, inflow_organization=branch_b1))
    add("member_waiting", make_member(branch_a1, name="李等待"))
    add("waiting_a", make_record(world["member_waiting"], inflow_organization=branch_b1))
    add("member_taken", make_member(branch_a1, name="李建军"))
    add(
        "taken_a",
        mobility.mobile_record_take_in(
            actor=users["secretary_b"],
            record=make_record(world["member_taken"], inflow_organization=world["town_b"]),
            taken_in_by=branch_b1,
            inflow_date=D(2026, 3, 5),
            inflow_contact_person="刘德花",
        ),
    )
    add("member_away_b", make_member(branch_b1, name="马外出"))
    add("external", make_external_organization(name="中共成都市武侯区某街道工委"))
    add("record_b", make_record(world["member_away_b"], inflow_external=world["external"]))
    for key, record, actor in (
        ("letter_taken", world["taken_a"], users["secretary_a"]),
        ("letter_b", world["record_b"], users["secretary_b"]),
    ):
        add(
            key,
            mobility.letter_issue(actor=actor, record=record, suggestions_for_inflow="请接收管理"),
        )


def _management(world: World) -> None:
    """Contacts, marks, dues, reviews and work: of a file at home in A, of A's member hosted
    by B1 (recorded by the inflow side), and of B's member away."""
    for key, member, actor in (
        ("a", world["member_a"], world.users["secretary_a"]),
        ("taken", world["member_taken"], world.users["secretary_b"]),
        ("b", world["member_away_b"], world.users["secretary_b"]),
    ):
        kwargs = {"actor": actor, "member": member}
        world.objects[f"contact_{key}"] = followup.contact_record(
            **kwargs, channel="phone", contacted_on=D(2026, 11, 20), reached=True, note=f"联系{key}"
        )
        world.objects[f"payment_{key}"] = followup.dues_payment_record(
            **kwargs,
            amount=Decimal("30.00"),
            period_from=D(2026, 8, 1),
            period_to=D(2026, 10, 1),
            paid_on=D(2026, 11, 5),
            place="inflow" if key == "taken" else "home",
        )
        world.objects[f"review_{key}"] = followup.card_review_record(
            **kwargs, year=2024, result="passed", reviewed_on=D(2025, 1, 10)
        )
        if key == "taken":
            continue  # the inflow side sets no dues and marks nobody lost here
        world.objects[f"mark_{key}"] = followup.lost_contact_mark(
            **kwargs, marked_on=D(2026, 5, 1), note="电话停机"
        )
        world.objects[f"rate_{key}"] = followup.dues_rate_set(
            **kwargs, amount=Decimal("10.00"), since=D(2026, 1, 1)
        )
        world.objects[f"work_{key}"] = followup.assigned_work_add(
            **kwargs, description=f"宣讲任务{key}", assigned_on=D(2026, 11, 1)
        )


def _orglife(world: World) -> None:
    held = {"a": datetime.datetime(2026, 11, 1, 9, tzinfo=ZONE), "b": NOW.replace(day=10)}
    for side, branch, title, kind, present in (
        ("a", "branch_a1", "大街社区十一月主题党日", "theme_day", ["member_a"]),
        ("b", "branch_b1", "南滩流动党员支部党课", "party_lesson", ["member_b", "member_taken"]),
    ):
        actor = world.users[f"secretary_{side}"]
        activity = activity_create(
            actor=actor, organization=world[branch], kind=kind, title=title, held_at=held[side]
        )
        entries = [AttendanceEntry(member_id=world[key].pk, status="present") for key in present]
        attendance_record(actor=actor, activity=activity, entries=entries)
        world.objects[f"activity_{side}"] = activity
        world.objects[f"attendance_{side}"] = activity.attendances.get(member=world[present[0]])


def _outbox(world: World) -> None:
    serial = itertools.count()
    for side in ("a", "b"):
        world.objects[f"sms_{side}"] = Notification.objects.create(
            kind="notice",
            channel="sms",
            recipient_member=world[f"member_{side}"],
            occasion=f"walk-{next(serial)}",
            text=f"短信{side}",
            status=Notification.Status.FAILED,
        )
        world.objects[f"inbox_{side}"] = Notification.objects.create(
            kind="record_update",
            channel="inbox",
            recipient_user=world.users[f"secretary_{side}"],
            occasion=f"walk-{next(serial)}",
            text=f"站内信{side}",
        )
        world.objects[f"template_{side}"] = MessageTemplate.objects.create(
            kind="notice", organization=world[f"town_{side}"], text=f"{{name}}同志：通知{side}。"
        )


def _sessions(world: World) -> None:
    """Sign every persona in once; each request then starts a client from these cookies."""
    for persona in (ANONYMOUS, *world.users):
        # Staff sign in with their TOTP device too, as the admin asks of them.
        client = VerifiedClient(enforce_csrf_checks=True)
        if persona != ANONYMOUS:
            client.force_login(world.users[persona])
        client.get("/login/")  # the form sets the CSRF cookie
        world.cookies[persona] = {name: morsel.value for name, morsel in client.cookies.items()}
