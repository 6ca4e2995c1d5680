"""Demo data for `make run`: Xining's Party tree and the people of the seed report's stories.

Sample data only. The names come from a newspaper report (`/work/shared/seed/`), everything
else is generated: ID numbers and phones by `members.samples`, dates and places made up, and
every file is marked ``is_sample``. Built through the actions, so derived fields are real;
deterministic (seeded) and safe to load again — existing rows are kept, nothing is duplicated.
"""

import copy
import datetime
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from members.demo.followup import load_demo_management
from members.demo.generated import load_generated_members, sample_member
from members.demo.records import load_demo_records
from members.files import actions
from members.files.models import add_years
from members.organizations.actions import organization_create
from members.organizations.models import (
    AdminRole,
    Assignment,
    ExternalOrganization,
    Organization,
    User,
)
from members.scoping import Role

DEMO_PASSWORD = "Sanlian-2026"
ROOT_NAME = "中共西宁市委"

# (name, kind, secretary's name, children); counties carry their GB/T 2260 code instead of
# a kind, and everything below a county takes its code.
COUNTIES = [
    ("中共西宁市城东区委", "630102", "城东区", [
        ("大街街道党工委", "town", "马慧艳", [
            ("大街街道流动党员党支部", "mobile_branch", "李晓燕"),
            ("共和路社区党支部", "branch", "陈丽娟"),
            ("南小街社区党支部", "branch", "赵永红"),
        ]),
        ("韵家口镇党委", "town", "祁生福", [
            ("付家寨村党支部", "branch", "韩德明"),
            ("韵家口村党支部", "branch", "朱建国"),
        ]),
    ]),
    ("中共西宁市城中区委", "630103", "城中区", [
        ("南滩街道党工委", "town", "苏文华", [
            ("南滩街道流动党员党支部", "mobile_branch", "刘德花"),
            ("南山东路社区党支部", "branch", "杜秀兰"),
            ("兴旺社区党支部", "branch", "彭海林"),
        ]),
    ]),
    ("中共西宁市城西区委", "630104", "城西区", [
        ("兴海路街道党工委", "town", "吕志勇", [
            ("海湖路社区党支部", "branch", "魏春梅"),
            ("胜利路社区党支部", "branch", "钟明山"),
        ]),
    ]),
    ("中共西宁市城北区委", "630105", "城北区", [
        ("朝阳街道党工委", "town", "宋建华", [
            ("朝阳社区党支部", "branch", "谢玉珍"),
            ("山川社区党支部", "branch", "曾国强"),
        ]),
    ]),
    ("中共西宁市湟中区委", "630106", "湟中区", [
        ("拦隆口镇党委", "town", "马国福", [
            ("卡阳村党支部", "branch", "严义萍"),
            ("拦隆口村党支部", "branch", "李成林"),
        ]),
        ("土门关乡党委", "town", "鲁永平", [
            ("上山庄村党支部", "branch", "马德胜"),
            ("土门关村党支部", "branch", "何春花"),
        ]),
    ]),
    ("中共大通回族土族自治县委", "630121", "大通回族土族自治县", [
        ("长宁镇党委", "town", "赵德明", [
            ("新添堡村党支部", "branch", "祁海成"),
            ("长宁村党支部", "branch", "张文清"),
        ]),
    ]),
    ("中共湟源县委", "630123", "湟源县", [
        ("城关镇党委", "town", "姚红梅", [
            ("尕庄村党支部", "branch", "王生贵"),
            ("董家庄村党支部", "branch", "丁学义"),
        ]),
    ]),
]  # fmt: skip

# (login, full name, organisation, role, who): the people who sign in to the demo.
USERS = [
    ("sysadmin", "系统管理员", None, None, "system administrator: accounts and settings (/admin/)"),
    ("secadmin", "安全管理员", None, None, "security administrator: roles and rights (/admin/)"),
    ("auditor", "审计管理员", None, None, "audit administrator: reads the audit log (/admin/)"),
    ("mahuiyan", "马慧艳", "大街街道党工委", Role.SECRETARY, "secretary, 城东区大街街道党工委"),
    ("liudehua", "刘德花", "南滩街道流动党员党支部", Role.SECRETARY,
     "secretary, 城中区南滩街道流动党员党支部"),
    ("yanyiping", "严义萍", "卡阳村党支部", Role.SECRETARY, "secretary, 拦隆口镇卡阳村党支部"),
    ("wangshenggui", "王生贵", "尕庄村党支部", Role.SECRETARY, "secretary, 城关镇尕庄村党支部"),
    ("wanghaiyan", "汪海燕", "拦隆口镇党委", Role.OFFICER, "deputy secretary, 湟中区拦隆口镇党委"),
    ("zhaodeming", "赵德明", "长宁镇党委", Role.SECRETARY, "secretary, 大通县长宁镇党委"),
    ("handeming", "韩德明", "付家寨村党支部", Role.SECRETARY, "secretary, 韵家口镇付家寨村党支部"),
    ("czq_zzb", "城中区委组织部", "中共西宁市城中区委", Role.VIEWER, "read-only over 城中区"),
    ("xn_zzb", "西宁市委组织部", ROOT_NAME, Role.OFFICER, "officer, 西宁市委组织部"),
]  # fmt: skip
DEMO_LOGINS = [(login, who) for login, *_, who in USERS]
# The first logins are the three separated administrators (三员分立), in this order.
ADMINISTRATOR_ROLES = (AdminRole.SYSTEM, AdminRole.SECURITY, AdminRole.AUDIT)
ADMINISTRATOR_LOGINS = [login for login, *_ in USERS[: len(ADMINISTRATOR_ROLES)]]

CHENGDU_BRANCH = ("中共成都市武侯区簇锦街道工委", "510107")


@dataclass(frozen=True)
class StoryMember:
    name: str
    branch: str
    region_code: str  # of the ID number: where the person was born
    gender: str
    birth_date: datetime.date
    joined_party_on: datetime.date
    notes: str
    family: list[tuple[str, str, int, str]] = field(default_factory=list)
    household_address: str = ""  # where the household is registered, if not at the branch


STORY_MEMBERS = [
    StoryMember("廖宏伟", "大街街道流动党员党支部", "510107", "M", datetime.date(1987, 4, 12),
                datetime.date(2011, 6, 28),
                "来自四川省成都市，原所在党组织为中共成都市武侯区簇锦街道工委（外地党组织）；"
                "在城东区大街街道务工，由大街街道党工委接收纳管（示例数据）。",
                household_address="四川省成都市武侯区簇锦街道锦城社区"),
    StoryMember("张善强", "付家寨村党支部", "630102", "M", datetime.date(1983, 8, 5),
                datetime.date(2008, 10, 16),
                "即将到西藏易达投资股份有限公司务工；流出地党组织开具介绍信，三向共管（示例数据）。"),
    StoryMember("曹忠海", "卡阳村党支部", "630106", "M", datetime.date(1979, 3, 21),
                datetime.date(2005, 7, 1), "在甘肃省张掖市山丹县务工（示例数据）。",
                [("曹德福", "父亲", 76, "elder"), ("曹小宇", "儿子", 9, "child")]),
    StoryMember("王文春", "上山庄村党支部", "630106", "M", datetime.date(1986, 11, 2),
                datetime.date(2013, 5, 20), "在广西壮族自治区南宁市良庆区务工（示例数据）。",
                [("王子涵", "女儿", 7, "child")]),
    StoryMember("杨增奎", "新添堡村党支部", "630121", "M", datetime.date(1975, 1, 30),
                datetime.date(2002, 12, 9),
                "与妻子在外务工；3亩耕地租给本村村民，对方近5年未付租金（示例数据）。",
                [("李桂兰", "母亲", 81, "elder")]),
    StoryMember("肖双强", "南滩街道流动党员党支部", "411702", "M", datetime.date(1980, 3, 3),
                datetime.date(2006, 9, 12),
                "河南籍，在城中区某劳务分包公司务工，与24名同乡工资被拖欠（示例数据）。",
                household_address="河南省驻马店市驿城区沙河店镇某村"),
]  # fmt: skip
WANG_XIULING = StoryMember(
    "王秀玲", "尕庄村党支部", "630123", "F", datetime.date(1984, 9, 17),
    datetime.date(2014, 1, 1),  # replaced at load time: see _wang_xiuling
    "在江苏省苏州市务工，带领村民远赴江苏务工增收（示例数据）。",
    [("王丽", "女儿", 11, "child"), ("赵秀英", "婆婆", 72, "elder")],
)  # fmt: skip


def demo_is_loaded() -> bool:
    return Organization.objects.get_root_nodes().filter(name=ROOT_NAME).exists()


@transaction.atomic
def load_demo() -> None:
    """Create the demo tree, members and users, then every other app's demo (an app config
    with a ``load_demo`` method: the education and service chains); running it again changes
    nothing."""
    # Hashing is slow on purpose (~0.4 s); the demo logins share one hash to load fast.
    password_hash = make_password(DEMO_PASSWORD)
    administrators = {
        role: _user(login, full_name, password_hash, is_staff=True, admin_role=role)
        for (login, full_name, *_), role in zip(USERS, ADMINISTRATOR_ROLES, strict=False)
    }
    admin = _loader(administrators[AdminRole.SYSTEM])
    organizations = _load_tree(admin)
    ExternalOrganization.objects.get_or_create(
        name=CHENGDU_BRANCH[0],
        defaults={
            "region_code": CHENGDU_BRANCH[1],
            "contact_person": "陈志刚",
            "contact_phone": "028-85012345",
        },
    )
    for serial, story in enumerate([*STORY_MEMBERS, _wang_xiuling()], start=1):
        _load_storysample_member(admin, organizations, story, serial)
    leaving = load_generated_members(admin, organizations)
    load_demo_records(admin, organizations, leaving)
    load_demo_management(admin, organizations)
    for login, full_name, organization, role, _who in USERS[len(ADMINISTRATOR_ROLES) :]:
        user = _user(login, full_name, password_hash)
        Assignment.objects.get_or_create(
            user=user, organization=organizations[organization], defaults={"role": role}
        )
    # Other apps build on this tree and these members; members must not import them.
    for config in apps.get_app_configs():
        if config.name != "members" and hasattr(config, "load_demo"):
            config.load_demo()


def _loader(system_administrator: User) -> User:
    """The system administrator as the demo's author, with the whole tree's rights in memory
    only: the stored account holds none of them (no day-to-day superuser)."""
    loader = copy.copy(system_administrator)
    loader.__dict__.pop("_sanlian_scope_paths", None)
    loader.is_superuser = True
    return loader


def _user(username: str, full_name: str, password_hash: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, **flags}
    )
    if created:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def _load_tree(admin: User) -> dict[str, Organization]:
    """Return every demo organisation by name (names are unique in the demo)."""
    city = _organization(admin, None, ROOT_NAME, kind="city", region_code="630100")
    organizations = {city.name: city}
    for county_name, code, place, towns in COUNTIES:
        county = _organization(admin, city, county_name, kind="county", region_code=code)
        organizations[county.name] = county
        for town_name, kind, secretary, branches in towns:
            town = _organization(
                admin, county, town_name, kind=kind, region_code=code, secretary_name=secretary
            )
            organizations[town.name] = town
            for branch_name, branch_kind, branch_secretary in branches:
                address = _address(place, town_name, branch_name)
                organizations[branch_name] = _organization(
                    admin,
                    town,
                    branch_name,
                    kind=branch_kind,
                    region_code=code,
                    secretary_name=branch_secretary,
                    address=address,
                )
    return organizations


def _address(county: str, town: str, branch: str) -> str:
    """A branch's address: its village or community; a mobile-member branch meets at the
    town's Party and people's service centre (党群服务中心)."""
    town = town.removesuffix("党工委").removesuffix("党委")
    if branch.endswith("流动党员党支部"):
        return f"青海省西宁市{county}{town}党群服务中心"
    place = branch.removesuffix("党支部").removeprefix(town)
    return f"青海省西宁市{county}{town}{place}"


def _organization(admin: User, parent: Organization | None, name: str, **fields) -> Organization:
    siblings = (
        Organization.objects.get_children(parent)
        if parent
        else Organization.objects.get_root_nodes()
    )
    existing = siblings.filter(name=name).first()
    if existing is not None:
        return existing
    return organization_create(actor=admin, parent=parent, name=name, **fields)


def _wang_xiuling() -> StoryMember:
    """王秀玲 joined 12 years before a day two days from now: the demo shows her greeting."""
    anniversary = timezone.localdate() + datetime.timedelta(days=2)
    joined = add_years(anniversary, -12)
    return replace(WANG_XIULING, joined_party_on=joined)


def _load_storysample_member(admin, organizations, story: StoryMember, serial: int) -> None:
    organization = organizations[story.branch]
    member = sample_member(
        admin,
        organization,
        story.region_code,
        story.birth_date,
        400 + serial,
        story.gender,
        name=story.name,
        joined_party_on=story.joined_party_on,
        category="full",
        full_member_on=story.joined_party_on + datetime.timedelta(days=365),
        notes=story.notes,
        education="secondary",
        household_address=story.household_address or organization.address,
    )
    if member is None:
        return
    for name, relation, age, care_kind in story.family:
        actions.family_member_add(
            actor=admin,
            member=member,
            name=name,
            relation=relation,
            age=age,
            care_kind=care_kind,
            address=organization.address,
        )
