"""Provincial-scale synthetic data: `python -m bench generate --members 1000000`.

Builds 青海省委 → 8 cities → 45 counties → ~400 towns → ~4,000 branches and the members, with
the same derived fields the actions compute (pinyin initials, join anniversary, encrypted,
hashed and masked ID number), but written in bulk: COPY on PostgreSQL, ``bulk_create``
elsewhere. No history rows are written — a benchmark does not need them.
"""

import datetime
import functools
import io
import random
import time

from django.db import connection, transaction
from django.utils import timezone

from members.demo.samples import fake_id_number, fake_mobile, fake_name
from members.files import crypto
from members.files.actions import pinyin_initials
from members.files.models import Member, anniversary_key
from members.organizations.models import Assignment, Organization, User
from members.validators import mask_id_number

# Qinghai's eight prefecture-level divisions (GB/T 2260) and the codes of their counties.
CITIES = {
    "西宁市": ("630100", ["630102", "630103", "630104", "630105", "630106", "630121", "630123"]),
    "海东市": ("630200", ["630202", "630203", "630222", "630223", "630224", "630225"]),
    "海北州": ("632200", ["632221", "632222", "632223", "632224"]),
    "黄南州": ("632300", ["632301", "632322", "632323", "632324"]),
    "海南州": ("632500", ["632521", "632522", "632523", "632524", "632525"]),
    "果洛州": ("632600", ["632621", "632622", "632623", "632624", "632625", "632626"]),
    "玉树州": ("632700", ["632701", "632722", "632723", "632724", "632725", "632726"]),
    "海西州": ("632800", ["632801", "632802", "632803", "632821", "632822", "632823", "632857"]),
}
TOWNS_PER_COUNTY = 9
BRANCHES_PER_TOWN = 10
BATCH = 10_000
STATUSES = [("active", 75), ("mobile", 20), ("transferred", 3), ("stopped", 1), ("deceased", 1)]
ETHNICITIES = [("汉族", 70), ("回族", 12), ("藏族", 10), ("土族", 5), ("撒拉族", 3)]
EDUCATIONS = ["postgraduate", "bachelor", "college", "secondary", "junior", ""]
COLUMNS = [
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
    "skills",
    "status",
    "notes",
    "photo",
    "is_sample",
    "created_at",
    "updated_at",
]
BENCH_USERS = ("bench_admin", "bench_county", "bench_village")


def generate(*, members: int, seed: int = 2026, force: bool = False) -> None:
    """Replace all organisations and members of the benchmark database with synthetic ones."""
    database = connection.settings_dict["NAME"]
    if "bench" not in str(database) and not force:
        raise SystemExit(f"Refusing to wipe database {database!r}: its name lacks 'bench'.")
    started = time.perf_counter()
    _wipe()
    branches, counties = _build_tree()
    print(f"tree: {Organization.objects.count()} organisations ({_since(started)})")
    _create_users(branches[0], counties[0])
    rng = random.Random(seed)
    writer = _copy_rows if connection.vendor == "postgresql" else _bulk_create_rows
    for start in range(0, members, BATCH):
        indexes = range(start, min(start + BATCH, members))
        rows = [_member_row(rng, index, branches) for index in indexes]
        writer(rows)
        if (start // BATCH) % 10 == 9:
            print(f"members: {start + len(rows):,} ({_since(started)})")
    _analyze()
    print(f"done: {Member.objects.count():,} members in {_since(started)}")


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _wipe() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "TRUNCATE members_organization, members_historicalmember, "
                "members_historicalorganization, members_historicalfamilymember "
                "RESTART IDENTITY CASCADE"
            )
        else:
            Member.objects.all().delete()
            Organization.objects.all().delete()


@transaction.atomic
def _build_tree() -> tuple[list[tuple[int, str]], list[Organization]]:
    """Write the tree level by level with treebeard paths computed here (fast, no per-node SQL)."""
    root = Organization(name="中共青海省委", kind="city", region_code="630000")
    root.path, root.depth, root.numchild = Organization._get_path("", 1, 1), 1, len(CITIES)
    root.save()
    cities = [
        _node(root, i, f"中共{name}委", "city", code, len(counties))
        for i, (name, (code, counties)) in enumerate(CITIES.items(), 1)
    ]
    Organization.objects.bulk_create(cities)
    counties = [
        _node(city, i, f"县区委{code}", "county", code, TOWNS_PER_COUNTY)
        for city, (_, county_codes) in zip(cities, CITIES.values(), strict=True)
        for i, code in enumerate(county_codes, 1)
    ]
    Organization.objects.bulk_create(counties)
    towns = [
        _node(
            county,
            i,
            f"乡镇党委{county.region_code}-{i:02d}",
            "town",
            county.region_code,
            BRANCHES_PER_TOWN,
        )
        for county in counties
        for i in range(1, TOWNS_PER_COUNTY + 1)
    ]
    Organization.objects.bulk_create(towns)
    branches = [
        _node(town, i, f"{town.name}村党支部{i:02d}", _branch_kind(i), town.region_code, 0)
        for town in towns
        for i in range(1, BRANCHES_PER_TOWN + 1)
    ]
    Organization.objects.bulk_create(branches, batch_size=BATCH)
    saved = Organization.objects.filter(depth=5).values_list("id", "region_code")
    return list(saved.order_by("path")), list(Organization.objects.filter(depth=3))


def _node(parent, index, name, kind, region_code, numchild) -> Organization:
    node = Organization(name=name, kind=kind, region_code=region_code, numchild=numchild)
    node.depth = parent.depth + 1
    node.path = Organization._get_path(parent.path, node.depth, index)
    return node


def _branch_kind(index: int) -> str:
    return "mobile_branch" if index == BRANCHES_PER_TOWN else "branch"


def _create_users(branch: tuple[int, str], county: Organization) -> None:
    User.objects.filter(username__in=BENCH_USERS).delete()
    User.objects.create_superuser("bench_admin", "", "bench", full_name="基准管理员")
    viewer = User.objects.create_user("bench_county", "", "bench", full_name="县委组织部")
    Assignment.objects.create(user=viewer, organization=county, role="viewer")
    secretary = User.objects.create_user("bench_village", "", "bench", full_name="村支书")
    Assignment.objects.create(user=secretary, organization_id=branch[0], role="secretary")


_id_serials: dict[tuple[str, datetime.date], int] = {}


def _member_row(rng: random.Random, index: int, branches: list[tuple[int, str]]) -> dict:
    # A random branch per member: real files arrive over the years from everywhere, so a
    # subtree's ids are scattered over the table, not one contiguous block.
    organization_id, region_code = rng.choice(branches)
    gender = "M" if rng.random() < 0.7 else "F"
    birth_date, serial = _birth_date_and_serial(rng, region_code)
    id_number = fake_id_number(region_code, birth_date, serial, gender)
    joined, full, category = _party_dates(rng, birth_date)
    name = fake_name(rng)
    now = timezone.now()
    return {
        "name": name,
        "name_initials": _initials(name),
        "gender": gender,
        "ethnicity": _weighted(rng, ETHNICITIES),
        "birth_date": birth_date,
        "id_number_encrypted": crypto.encrypt(id_number),
        "id_number_hash": crypto.keyed_hash(id_number),
        "id_number_masked": mask_id_number(id_number),
        "phone": fake_mobile(index),
        "education": rng.choice(EDUCATIONS),
        "household_address": "",
        "joined_party_on": joined,
        "join_anniversary": anniversary_key(joined),
        "full_member_on": full,
        "category": category,
        "organization_id": organization_id,
        "skills": "[]",
        "status": _weighted(rng, STATUSES),
        "notes": "",
        "photo": "",
        "is_sample": True,
        "created_at": now,
        "updated_at": now,
    }


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


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in choices], [weight for _, weight in choices])[0]


def _copy_rows(rows: list[dict]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(row[column]) for column in COLUMNS))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY members_member ({', '.join(COLUMNS)}) FROM STDIN", buffer, size=1 << 20
        )


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)  # no generated value holds a tab, newline or backslash


def _bulk_create_rows(rows: list[dict]) -> None:
    for row in rows:
        row["skills"] = []
    Member.objects.bulk_create([Member(**row) for row in rows], batch_size=BATCH)


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE members_member")
            cursor.execute("ANALYZE members_organization")
