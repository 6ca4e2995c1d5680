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


# Telephone area codes by the first four digits of a region code (西宁 0971, 成都 028, ...).
AREA_CODES = {
    "6301": "0971", "5101": "028", "4117": "0396", "6207": "0936", "5401": "0891",
    "3205": "0512", "4403": "0755", "6501": "0991", "6328": "0979", "4501": "0771",
}  # fmt: skip
CONTACT_NAMES = ["张建国", "李红梅", "陈志刚", "杨丽", "刘洋", "赵永红", "次仁", "黄海燕"]


def landline(code: str, rng: random.Random) -> str:
    """A landline of the region's own area code."""
    area = AREA_CODES.get(code[:4], "0971")
    digits = 8 if len(area) == 3 else 7
    return f"{area}-{rng.randrange(2, 9)}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"


def outside_organization(name: str, code: str, rng: random.Random):
    """An organisation outside the system, with a contact person and a phone of its place."""
    return external_organization_get_or_create(
        name=name,
        region_code=code,
        contact_person=rng.choice(CONTACT_NAMES),
        contact_phone=landline(code, rng),
    )


def _backdate(record: MobileRecord, rng: random.Random, today, *, after_arrival: bool) -> None:
    """Demo records were all made today: give them the dates they would have had, so the
    inboxes show how long each has waited. (Only the demo rewrites history like this.)"""
    if after_arrival:  # the inflow side registers a few days after the member arrived
        day = record.departure_date + datetime.timedelta(days=rng.randrange(1, 8))
    else:  # the home branch registers in the days before the departure
        day = record.departure_date - datetime.timedelta(days=rng.randrange(0, 6))
    day = min(day, today)
    submitted = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    MobileRecord.objects.filter(pk=record.pk).update(submitted_at=submitted)
    record.events.exclude(transition="take_in").update(created_at=submitted)
    if record.inflow_date:
        taken = max(record.inflow_date, day)
        taken_at = timezone.make_aware(datetime.datetime.combine(taken, datetime.time(15)))
        record.events.filter(transition="take_in").update(created_at=taken_at)


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
    # Most go for a season or two; a few have stayed long at one place (应转尽转 applies to
    # those: the art. 25 warning should mark a minority, as in life).
    long_term = rng.random() < 0.2
    return {
        "original_occupation": rng.choice(["farmer", "farmer", "skilled_worker", "other"]),
        "reason": rng.choice(["work"] * 8 + ["study", "family"]),
        "unit_type": rng.choice(["private_enterprise", "individual", "state_enterprise"]),
        "departure_date": today
        - datetime.timedelta(days=rng.randrange(200, 900) if long_term else rng.randrange(5, 170)),
        "expected_months": rng.choice([12, 24]) if long_term else rng.choice([3, 4, 5]),
        "destination_region_code": code,
        "destination_address": address,
        "employer_name": employer,
        "outflow_contact_person": rng.choice(CONTACT_NAMES),
        "outflow_contact_phone": landline("630100", rng),
    }


def _story_trip(admin, member, inflow, code, address, employer, outcome, today) -> None:
    rng = random.Random(member.pk)
    fields = _fields(rng, code, address, employer, today)
    fields.update(reason="work", expected_months=12)
    if inflow:
        fields["inflow_external"] = outside_organization(inflow, code, rng)
    record = records.mobile_record_create(actor=admin, member=member, **fields)
    record = records.mobile_record_submit(actor=admin, record=record)
    if outcome == "taken_in":
        record = records.mobile_record_take_in(
            actor=admin,
            record=record,
            on_behalf=True,  # the host is outside the system: its return slip says so
            inflow_contact_person=fields["inflow_external"].contact_person,
            inflow_contact_phone=fields["inflow_external"].contact_phone,
            inflow_date=min(fields["departure_date"] + datetime.timedelta(days=10), today),
        )
    _backdate(record, rng, today, after_arrival=False)


def _arrival(admin, member, home, code, receiving, outcome, today) -> None:
    rng = random.Random(member.pk)
    external = outside_organization(home, code, rng)
    if member.home_external_id is None:
        member = member_update(actor=admin, member=member, home_external=external)
    fields = _fields(rng, receiving.region_code, receiving.address or receiving.name, "", today)
    # The home side's contact is the outside organisation's, with a phone of its place.
    fields.update(
        outflow_contact_person=external.contact_person,
        outflow_contact_phone=external.contact_phone,
    )
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
        record = records.mobile_record_take_in(
            actor=admin,
            record=record,
            taken_in_by=branch,
            inflow_contact_person=receiving.secretary_name or rng.choice(CONTACT_NAMES),
            inflow_date=min(fields["departure_date"] + datetime.timedelta(days=5), today),
        )
    _backdate(record, rng, today, after_arrival=True)


def _generated_trips(admin, organizations, leaving: list[Member], today) -> None:
    towns = [org for org in organizations.values() if org.kind == Organization.Kind.TOWN]
    for member in leaving:
        rng = random.Random(member.pk)
        code, address = home_elsewhere(member, rng)
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
            fields["inflow_external"] = outside_organization(f"{address}某党组织", code, rng)
        record = records.mobile_record_create(actor=admin, member=member, **fields)
        record = records.mobile_record_submit(actor=admin, record=record)
        # Most are taken in within weeks; a few recent ones (and a rare overdue one) wait.
        settled = (today - record.departure_date).days > 45
        if record.status == MobileRecord.Status.WAITING and rng.random() < (
            0.9 if settled else 0.3
        ):
            record = records.mobile_record_take_in(
                actor=admin,
                record=record,
                on_behalf=bool(record.inflow_external_id),
                inflow_contact_person=rng.choice(CONTACT_NAMES),
                inflow_date=min(fields["departure_date"] + datetime.timedelta(days=7), today),
            )
        _backdate(record, rng, today, after_arrival=False)


def home_elsewhere(member: Member, rng: random.Random) -> tuple[str, str]:
    """Where a member from outside comes from (their household address says), else a
    destination for one leaving."""
    for code, address in ELSEWHERE:
        if member.household_address.startswith(address):
            return code, address
    return rng.choice(ELSEWHERE)
