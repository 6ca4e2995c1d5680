"""Demo mobile records: the seed stories' periods away, and a realistic mix for the rest.

Built through the workflow actions (an administrator acts for both sides), so every record
has its timeline. A member who already has a record is left alone: loading again adds nothing.
"""

import datetime
import random

from django.utils import timezone

from members.files.actions import member_update
from members.files.models import Member
from members.mobility import actions as records
from members.mobility.models import MobileRecord
from members.organizations.actions import external_organization_get_or_create
from members.organizations.models import Organization, User

# Story people: (name, inflow organisation outside the system, its region, destination address,
# employer, outcome). 张善强 is left for the user: story 3 registers him and writes his letter.
STORY_TRIPS = [
    ("曹忠海", "中共山丹县清泉镇委员会", "620725", "甘肃省张掖市山丹县清泉镇", "山丹县某建筑公司",
     "taken_in"),
    ("王文春", "中共南宁市良庆区大沙田街道工委", "450108", "广西南宁市良庆区", "南宁某物流园",
     "taken_in"),
    ("王秀玲", "中共苏州市虎丘区枫桥街道工委", "320505", "江苏省苏州市虎丘区", "苏州某电子厂",
     "taken_in"),
    ("杨增奎", None, "632801", "青海省海西州格尔木市", "", "no_inflow"),
]  # fmt: skip
# Members who came from outside the system and were (or are being) taken in here.
ARRIVALS = [
    ("廖宏伟", "中共成都市武侯区簇锦街道工委", "510107", "大街街道党工委", "waiting"),
    ("肖双强", "中共驻马店市驿城区某村支部委员会", "411702", "南滩街道党工委", "taken_in"),
]  # fmt: skip
ELSEWHERE = [
    ("620702", "甘肃省张掖市甘州区"), ("540102", "西藏自治区拉萨市城关区"),
    ("320505", "江苏省苏州市虎丘区"), ("440305", "广东省深圳市南山区"),
    ("650102", "新疆维吾尔自治区乌鲁木齐市天山区"), ("632801", "青海省海西州格尔木市"),
]  # fmt: skip


def load_demo_records(
    admin: User, organizations: dict[str, Organization], leaving: list[Member]
) -> None:
    today = timezone.localdate()
    for name, inflow, code, address, employer, outcome in STORY_TRIPS:
        member = Member.objects.filter(name=name, is_sample=True).first()
        if member and not member.mobile_records.exists():
            _story_trip(admin, member, inflow, code, address, employer, outcome, today)
    for name, home, code, receiving, outcome in ARRIVALS:
        member = Member.objects.filter(name=name, is_sample=True).first()
        if member and not member.mobile_records.exists():
            _arrival(admin, member, home, code, organizations[receiving], outcome, today)
    _generated_trips(admin, organizations, leaving, today)


def _fields(rng: random.Random, code: str, address: str, employer: str, today) -> dict:
    return {
        "original_occupation": rng.choice(["farmer", "farmer", "skilled_worker", "other"]),
        "reason": "work",
        "unit_type": rng.choice(["private_enterprise", "individual", "state_enterprise"]),
        # Half left this half-year; the others are long-term away (应转尽转 applies to them).
        "departure_date": today
        - datetime.timedelta(
            days=rng.randrange(20, 170) if rng.random() < 0.5 else rng.randrange(200, 900)
        ),
        "expected_months": rng.choice([6, 12, 24]),
        "destination_region_code": code,
        "destination_address": address,
        "employer_name": employer,
        "outflow_contact_person": "村党支部书记",
        "outflow_contact_phone": "0971-6123456",
    }


def _story_trip(admin, member, inflow, code, address, employer, outcome, today) -> None:
    rng = random.Random(member.pk)
    fields = _fields(rng, code, address, employer, today)
    if inflow:
        fields["inflow_external"] = external_organization_get_or_create(
            name=inflow, region_code=code
        )
    record = records.mobile_record_create(actor=admin, member=member, **fields)
    record = records.mobile_record_submit(actor=admin, record=record)
    if outcome == "taken_in":
        records.mobile_record_take_in(
            actor=admin,
            record=record,
            on_behalf=True,  # the host is outside the system: its return slip says so
            inflow_contact_person="流入地党组织联系人",
            inflow_date=fields["departure_date"] + datetime.timedelta(days=10),
        )


def _arrival(admin, member, home, code, receiving, outcome, today) -> None:
    rng = random.Random(member.pk)
    external = external_organization_get_or_create(name=home, region_code=code)
    if member.home_external_id is None:
        member = member_update(actor=admin, member=member, home_external=external)
    fields = _fields(rng, receiving.region_code, receiving.address or receiving.name, "", today)
    if outcome == "waiting":
        fields["departure_date"] = today - datetime.timedelta(days=3)
    record = records.mobile_record_register_inflow(
        actor=admin,
        receiving_organization=receiving,
        outflow_external=external,
        member=member,
        **fields,
    )
    if outcome == "taken_in":
        branch = Organization.objects.filter(
            path__startswith=receiving.path, kind=Organization.Kind.MOBILE_BRANCH
        ).first()
        records.mobile_record_take_in(
            actor=admin,
            record=record,
            taken_in_by=branch,
            inflow_contact_person="刘德花",
            inflow_date=fields["departure_date"] + datetime.timedelta(days=5),
        )


def _generated_trips(admin, organizations, leaving: list[Member], today) -> None:
    towns = [org for org in organizations.values() if org.kind == Organization.Kind.TOWN]
    for member in leaving:
        rng = random.Random(member.pk)
        code, address = rng.choice(ELSEWHERE)
        if member.organization.kind == Organization.Kind.MOBILE_BRANCH:
            # Came from outside the system and was taken in by this town's mobile branch.
            home = f"{address}某村党支部"
            _arrival(
                admin,
                member,
                home,
                code,
                Organization.objects.get_parent(member.organization),
                "taken_in",
                today,
            )
            continue
        fields = _fields(rng, code, address, rng.choice(["", "某建筑公司", "某餐饮公司"]), today)
        roll = rng.random()
        if roll < 0.3:
            fields["inflow_organization"] = rng.choice(
                [town for town in towns if not member.organization.is_within(town)]
            )
            fields["destination_region_code"] = fields["inflow_organization"].region_code
            fields["destination_address"] = fields["inflow_organization"].name
        elif roll < 0.8:
            fields["inflow_external"] = external_organization_get_or_create(
                name=f"{address}某党组织", region_code=code
            )
        record = records.mobile_record_create(actor=admin, member=member, **fields)
        record = records.mobile_record_submit(actor=admin, record=record)
        if record.status == MobileRecord.Status.WAITING and rng.random() < 0.6:
            records.mobile_record_take_in(
                actor=admin,
                record=record,
                on_behalf=bool(record.inflow_external_id),
                inflow_contact_person="联系人",
            )
