"""The organisation tree of the province and the people who work on it.

青海省委 → 8 cities (real GB/T 2260 codes) → 45 counties → 405 towns → 4,050 branches, one of
them per town a 流动党员党支部 (the branch that takes in the mobile members the town hosts).
Every town and branch has a secretary, every county a viewer of its organisation department;
``bench_village`` is the secretary of a busy mobile branch, ``bench_county`` the viewer of
that county, ``bench_admin`` a superuser.
"""

from dataclasses import dataclass, field

from django.db import transaction

from members.organizations.models import Assignment, Organization, User

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
BENCH_USERS = ("bench_admin", "bench_county", "bench_village")
# Mobile members go where the work is: Xining's towns draw four times, Haixi's (Golmud's
# industry) twice as many as a town elsewhere.
INFLOW_WEIGHT = {"6301": 4, "6328": 2}


@dataclass
class Province:
    """The tree as the generators need it: ids, kinds, regions and each one's secretary."""

    branches: list[int] = field(default_factory=list)
    towns: list[int] = field(default_factory=list)
    region: dict[int, str] = field(default_factory=dict)
    name: dict[int, str] = field(default_factory=dict)
    path: dict[int, str] = field(default_factory=dict)
    town_of: dict[int, int] = field(default_factory=dict)
    mobile_branch_of: dict[int, int] = field(default_factory=dict)
    secretary: dict[int, int] = field(default_factory=dict)
    village_branch: int = 0
    bench_county: int = 0

    def is_mobile_branch(self, organization: int) -> bool:
        return self.mobile_branch_of.get(self.town_of.get(organization)) == organization

    def inflow_weights(self) -> list[int]:
        return [INFLOW_WEIGHT.get(self.region[town][:4], 1) for town in self.towns]


def build_province() -> Province:
    """Write the tree and its users; return what the other generators need of them."""
    counties, towns, branches = _build_tree()
    province = Province()
    for town in towns:
        province.towns.append(town.pk)
    for node in (*towns, *branches):
        province.region[node.pk], province.name[node.pk] = node.region_code, node.name
        province.path[node.pk] = node.path
    by_path = {town.path: town.pk for town in towns}
    for branch in branches:
        town = by_path[branch.path[: -Organization.steplen]]
        province.branches.append(branch.pk)
        province.town_of[branch.pk] = town
        if branch.kind == Organization.Kind.MOBILE_BRANCH:
            province.mobile_branch_of[town] = branch.pk
    province.village_branch = province.mobile_branch_of[towns[0].pk]
    province.bench_county = counties[0].pk
    _create_users(province, counties)
    return province


@transaction.atomic
def _build_tree() -> tuple[list[Organization], list[Organization], list[Organization]]:
    """Write the tree level by level with treebeard paths computed here (no per-node SQL)."""
    root = Organization(name="中共青海省委", kind="city", region_code="630000")
    root.path, root.depth, root.numchild = Organization._get_path("", 1, 1), 1, len(CITIES)
    root.save()
    cities = [
        _node(root, i, f"中共{name}委", "city", code, len(counties))
        for i, (name, (code, counties)) in enumerate(CITIES.items(), 1)
    ]
    counties = [
        _node(city, i, f"县区委{code}", "county", code, TOWNS_PER_COUNTY)
        for city, (_, county_codes) in zip(cities, CITIES.values(), strict=True)
        for i, code in enumerate(county_codes, 1)
    ]
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
    branches = [_branch(town, i) for town in towns for i in range(1, BRANCHES_PER_TOWN + 1)]
    for level in (cities, counties, towns, branches):
        Organization.objects.bulk_create(level, batch_size=5000)
    return counties, towns, branches


def _node(parent, index, name, kind, region_code, numchild) -> Organization:
    node = Organization(name=name, kind=kind, region_code=region_code, numchild=numchild)
    node.depth = parent.depth + 1
    node.path = Organization._get_path(parent.path, node.depth, index)
    node.secretary_name = "书记"
    return node


def _branch(town: Organization, index: int) -> Organization:
    if index == BRANCHES_PER_TOWN:
        name, kind = f"{town.name}流动党员党支部", Organization.Kind.MOBILE_BRANCH
    else:
        name, kind = f"{town.name}村党支部{index:02d}", Organization.Kind.BRANCH
    node = _node(town, index, name, kind, town.region_code, 0)
    node.for_mobile_members = kind == Organization.Kind.MOBILE_BRANCH
    return node


def _create_users(province: Province, counties: list[Organization]) -> None:
    """A secretary for every town and branch, a viewer for every county, the bench users."""
    User.objects.create_superuser("bench_admin", "", "bench", full_name="基准管理员")
    village = User.objects.create_user("bench_village", "", "bench", full_name="流动党员党支部书记")
    county = User.objects.create_user("bench_county", "", "bench", full_name="县委组织部")
    secretaries = [o for o in (*province.towns, *province.branches) if o != province.village_branch]
    people = [User(username=f"secretary{o}", full_name=f"书记{o}") for o in secretaries]
    people += [User(username=f"viewer{c.pk}", full_name=f"组织部{c.pk}") for c in counties]
    for user in people:
        user.set_unusable_password()
    users = User.objects.bulk_create(people, batch_size=5000)
    province.secretary = {org: user.pk for org, user in zip(secretaries, users, strict=False)}
    province.secretary[province.village_branch] = village.pk
    assignments = [
        Assignment(user_id=user, organization_id=org, role="secretary")
        for org, user in province.secretary.items()
    ]
    viewers = zip(counties, users[len(secretaries) :], strict=True)
    assignments += [Assignment(user=u, organization=c, role="viewer") for c, u in viewers]
    assignments.append(Assignment(user=county, organization=counties[0], role="viewer"))
    Assignment.objects.bulk_create(assignments, batch_size=5000)
