"""The member files: one row per member, with the derived fields the actions compute.

Every member is written "active" (or with the standing that overrides it); the records written
next make a quarter of them mobile, and ``records.derive_member_status`` then derives
``status`` from them in one UPDATE, as ``Member.refresh_status`` would.
"""

import datetime
import functools
import random
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from bench.database import RowWriter
from bench.generate.chance import weighted
from bench.generate.tree import Province
from members.demo.samples import fake_id_number, fake_mobile, fake_name
from members.files import crypto
from members.files.actions import pinyin_initials
from members.files.models import Member, anniversary_key
from members.validators import mask_id_number

STANDINGS = [("", 98), ("stopped", 1), ("deceased", 1)]
ETHNICITIES = [("汉族", 70), ("回族", 12), ("藏族", 10), ("土族", 5), ("撒拉族", 3)]
EDUCATIONS = ["postgraduate", "bachelor", "college", "secondary", "junior", ""]
NO_PHONE = 0.03
HISTORY_CREATED_STATUS = "CASE WHEN m.standing <> '' THEN m.standing ELSE 'active' END"
COLUMNS = [
    "id",
    "name",
    "name_initials",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number_encrypted",
    "id_number_hash",
    "id_number_masked",
    "phone",
    "education",
    "household_address",
    "joined_party_on",
    "join_anniversary",
    "full_member_on",
    "category",
    "organization_id",
    "home_path",
    "host_path",
    "skills",
    "standing",
    "status",
    "notes",
    "photo",
    "is_sample",
    "created_at",
    "updated_at",
]


@dataclass
class People:
    """What later generators need of the members; member ``i`` has id ``i + 1``."""

    organization: array = field(default_factory=lambda: array("l"))
    joined: array = field(default_factory=lambda: array("l"))  # date ordinals
    has_phone: array = field(default_factory=lambda: array("b"))
    in_force: array = field(default_factory=lambda: array("b"))  # no standing stopped/deceased
    names: list[str] = field(default_factory=list)
    by_branch: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def __len__(self) -> int:
        return len(self.organization)

    def add(self, row: tuple) -> None:
        member_id, name, organization = row[0], row[1], row[16]
        self.organization.append(organization)
        self.joined.append(row[12].toordinal())
        self.has_phone.append(bool(row[9]))
        self.in_force.append(not row[18])
        self.names.append(name)
        self.by_branch[organization].append(member_id)


def write_members(*, count: int, province: Province, rng: random.Random, report) -> People:
    """Write ``count`` members, each in a random branch of the province."""
    people = People()
    branches = [(pk, province.region[pk], province.path[pk]) for pk in province.branches]
    now = timezone.now()
    with RowWriter(Member, COLUMNS) as out:
        for index in range(count):
            row = _member_row(rng, index, branches, now)
            out.add(row)
            people.add(row)
            if index % 100_000 == 99_999 and index + 1 < count:
                report(f"members: {index + 1:,}")
    return people


_id_serials: dict[tuple[str, datetime.date], int] = {}


def _member_row(rng: random.Random, index: int, branches, now) -> tuple:
    # A random branch per member: real files arrive over the years from everywhere, so a
    # subtree's ids are scattered over the table, not one contiguous block.
    organization_id, region_code, home_path = rng.choice(branches)
    gender = "M" if rng.random() < 0.7 else "F"
    birth_date, serial = _birth_date_and_serial(rng, region_code)
    id_number = fake_id_number(region_code, birth_date, serial, gender)
    joined, full, category = _party_dates(rng, birth_date)
    name = fake_name(rng)
    standing = weighted(rng, STANDINGS)
    return (
        index + 1,
        name,
        _initials(name),
        gender,
        weighted(rng, ETHNICITIES),
        birth_date,
        crypto.encrypt(id_number),
        crypto.keyed_hash(id_number),
        mask_id_number(id_number),
        "" if rng.random() < NO_PHONE else fake_mobile(index),
        rng.choice(EDUCATIONS),
        "",
        joined,
        anniversary_key(joined),
        full,
        category,
        organization_id,
        home_path,
        "",
        [],
        standing,
        standing or Member.Status.ACTIVE,
        "",
        "",
        True,
        now,
        now,
    )


def write_member_history() -> None:
    """Each file's history as the actions leave it: the creation, and the status change the
    first registration made (``member_history`` pairs each entry with the one before)."""
    history = Member.history.model
    columns = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    created = [HISTORY_CREATED_STATUS if c == "status" else f"m.{c}" for c in columns]
    insert = f"INSERT INTO {history._meta.db_table} ({', '.join(columns)}, history_date, "
    insert += "history_type, history_change_reason, history_user_id) "
    with connection.cursor() as cursor:
        cursor.execute(
            insert + f"SELECT {', '.join(created)}, m.created_at, '+', NULL, NULL "
            "FROM members_member m"
        )
        cursor.execute(
            insert + f"SELECT {', '.join(f'm.{c}' for c in columns)}, r.changed, '~', NULL, NULL "
            "FROM members_member m JOIN (SELECT member_id, max(updated_at) AS changed "
            "FROM members_mobilerecord GROUP BY member_id) r ON r.member_id = m.id "
            f"WHERE m.status <> {HISTORY_CREATED_STATUS}"
        )


@functools.cache
def _initials(name: str) -> str:
    return pinyin_initials(name)


def _birth_date_and_serial(rng: random.Random, region_code: str) -> tuple[datetime.date, int]:
    """A birth date and a serial unused for that region and date, so ID numbers stay unique."""
    while True:
        birth_date = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(20_000))
        # Serials 1..499: fake_id_number maps serial 0 of a woman onto serial 1's sequence.
        serial = _id_serials.get((region_code, birth_date), 1)
        if serial < 500:
            _id_serials[(region_code, birth_date)] = serial + 1
            return birth_date, serial


def _party_dates(rng, birth_date) -> tuple[datetime.date, datetime.date | None, str]:
    today = timezone.localdate()
    if rng.random() < 0.03:
        joined = today - datetime.timedelta(days=rng.randrange(1, 360))
        return joined, None, "probationary"
    earliest = birth_date.replace(year=birth_date.year + 18, day=min(birth_date.day, 28))
    span = max((today - earliest).days - 400, 1)
    joined = earliest + datetime.timedelta(days=rng.randrange(span))
    return joined, joined + datetime.timedelta(days=365), "full"
