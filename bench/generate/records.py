"""Mobile records in every state, and the member status they imply.

About a quarter of the members in force have a registration (a few also an earlier one that
ended): most are taken in or waiting, some registered without an inflow organisation, returned
or ended, a few drafts. Inflow organisations are towns elsewhere in the province (or their
mobile branch), weighted towards Xining and Haixi, or Party organisations in other provinces;
the receiving branch is the inflow town's mobile branch. Departures span the last three years.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from bench.database import RowWriter
from bench.generate.chance import weighted
from bench.generate.members import People
from bench.generate.tree import Province
from members.demo.samples import fake_mobile
from members.mobility.actions import region_scope
from members.mobility.models import MobileRecord
from members.organizations.models import ExternalOrganization

RECORD_SHARE = 0.245  # of all members: members with a registration
REPEAT_SHARE = 0.03  # of those: an earlier period away that ended (252 records per 1,000)
STATUSES = [
    ("taken_in", 60),
    ("waiting", 21),
    ("no_inflow", 6),
    ("returned", 3),
    ("ended", 8),
    ("draft", 2),
]
END_REASONS = [("returned_home", 50), ("transferred", 30), ("moved_on", 20)]
ARRIVAL_SHARE = 0.3  # of a mobile branch's members' registrations: came from outside
IN_PROVINCE = 0.6  # of registrations naming an inflow organisation
TO_MOBILE_BRANCH = 0.3  # of those: named the town's mobile branch rather than the town
CARD_SHARE = 0.45
ELSEWHERE = {
    "620702": "甘肃省张掖市甘州区",
    "540102": "西藏自治区拉萨市城关区",
    "320505": "江苏省苏州市虎丘区",
    "440305": "广东省深圳市南山区",
    "650102": "新疆维吾尔自治区乌鲁木齐市天山区",
    "510107": "四川省成都市武侯区",
    "411702": "河南省驻马店市驿城区",
    "450108": "广西壮族自治区南宁市良庆区",
    "330106": "浙江省杭州市西湖区",
    "310115": "上海市浦东新区",
    "110105": "北京市朝阳区",
    "610113": "陕西省西安市雁塔区",
    "640104": "宁夏回族自治区银川市兴庆区",
    "150102": "内蒙古自治区呼和浩特市新城区",
    "370202": "山东省青岛市市南区",
}
EXTERNAL_PER_REGION = 15
EMPLOYERS = ["", "", "某建筑公司", "某物流园", "某电子厂", "某餐饮公司", "个体经营"]
COLUMNS = [
    "id",
    "member_id",
    "status",
    "previous_id",
    "initiated_by_inflow",
    "outflow_organization_id",
    "outflow_external_id",
    "outflow_contact_person",
    "outflow_contact_phone",
    "activity_card_number",
    "original_occupation",
    "reason",
    "unit_type",
    "departure_date",
    "expected_months",
    "destination_region_code",
    "destination_address",
    "scope",
    "employer_name",
    "employer_contact_person",
    "employer_contact_phone",
    "employer_address",
    "employer_party_organization",
    "member_phone_there",
    "member_address_there",
    "inflow_organization_id",
    "inflow_external_id",
    "co_management_measures",
    "taken_in_by_id",
    "inflow_date",
    "reported_on",
    "inflow_contact_person",
    "inflow_contact_phone",
    "returned_reason",
    "end_reason",
    "ended_on",
    "submitted_at",
    "created_by_id",
    "created_at",
    "updated_at",
    # Written empty here, then set by the app's own repair (stored_copies_repair).
    "home_path",
    "host_path",
    "open_mark",
]


@dataclass(slots=True, kw_only=True)
class Trip:
    """One period away as the generators need it (the record's row is built from it)."""

    member: int
    home: int
    status: str
    departure: datetime.date
    id: int = 0
    created: datetime.datetime | None = None
    submitted: datetime.datetime | None = None
    returned: datetime.datetime | None = None
    outflow: int | None = None
    outflow_external: int | None = None
    inflow: int | None = None
    inflow_external: int | None = None
    taken_in_by: int | None = None
    inflow_date: datetime.date | None = None
    ended_on: datetime.date | None = None
    end_reason: str = ""
    card: str = ""
    expected_months: int | None = None
    destination: str = ""
    scope: str = ""
    taken_in: bool = False  # is or was taken in (by a branch here or an organisation outside)
    previous: "Trip | None" = None

    @property
    def away(self) -> bool:
        return self.status in MobileRecord.AWAY_STATUSES

    @property
    def host(self) -> int | None:
        """The organisation hosting the member now (``None``: nobody in the system)."""
        if self.status not in MobileRecord.HOSTED_STATUSES:
            return None
        return self.taken_in_by or self.inflow

    def until(self, today: datetime.date) -> datetime.date:
        return self.ended_on or today


@dataclass
class Externals:
    """Party organisations in other provinces: (id, region code) pairs."""

    rows: list[tuple[int, str]]

    def pick(self, rng: random.Random) -> tuple[int, str]:
        return rng.choice(self.rows)


def write_externals() -> Externals:
    organizations = ExternalOrganization.objects.bulk_create(
        ExternalOrganization(name=f"中共{address}某党组织{i:02d}", region_code=code)
        for code, address in ELSEWHERE.items()
        for i in range(1, EXTERNAL_PER_REGION + 1)
    )
    return Externals([(o.pk, o.region_code) for o in organizations])


class TripMaker:
    """Draws the periods away: who, when, where to, how far they got."""

    def __init__(self, province: Province, people: People, externals: Externals, rng):
        self.province, self.people, self.externals, self.rng = province, people, externals, rng
        self.today, self.now = timezone.localdate(), timezone.now()
        self.weights = province.inflow_weights()

    def make(self) -> list[Trip]:
        """Every period away, oldest first (ids follow creation, as in the application)."""
        rng = self.rng
        eligible = [i + 1 for i, ok in enumerate(self.people.in_force) if ok]
        chosen = rng.sample(eligible, min(len(eligible), round(RECORD_SHARE * len(self.people))))
        trips = []
        for member in chosen:
            trip = self._trip(member, weighted(rng, STATUSES))
            if not trip.outflow_external and rng.random() < REPEAT_SHARE:
                trip.previous = self._earlier(trip)
                trips.append(trip.previous)
            trips.append(trip)
        trips.sort(key=lambda t: t.created)
        for number, trip in enumerate(trips, 1):
            trip.id = number
        return trips

    def _trip(self, member: int, status: str) -> Trip:
        home = self.people.organization[member - 1]
        departure = self.today - datetime.timedelta(days=self._days_ago(status))
        trip = Trip(member=member, home=home, status=status, departure=departure)
        arrival = status in ("waiting", "taken_in", "ended") and self.province.is_mobile_branch(
            home
        )
        if arrival and self.rng.random() < ARRIVAL_SHARE:
            self._arrival(trip)
        else:
            self._registration(trip)
        self._dates(trip)
        return trip

    def _days_ago(self, status: str) -> int:
        randrange, stale = self.rng.randrange, self.rng.random() < 0.15
        return {
            "taken_in": randrange(20, 1095),
            "waiting": randrange(90, 400) if stale else randrange(1, 90),
            "returned": randrange(10, 200),
            "no_inflow": randrange(5, 1095),
            "ended": randrange(60, 1095),
            "draft": randrange(0, 40),
        }[status]

    def _arrival(self, trip: Trip) -> None:
        """Came from outside the system; the town registered and its mobile branch takes in."""
        trip.outflow_external, home_region = self.externals.pick(self.rng)
        trip.inflow = self.province.town_of[trip.home]
        trip.destination = self.province.region[trip.home]
        if trip.status != "waiting":
            trip.taken_in, trip.taken_in_by = True, trip.home
        trip.scope = region_scope(home_region, trip.destination)

    def _registration(self, trip: Trip) -> None:
        rng = self.rng
        trip.outflow = trip.home
        named = trip.status not in ("no_inflow", "draft") or rng.random() < 0.7
        if trip.status == "ended":
            named = rng.random() < 0.85
        if not named:
            town = rng.choice(self.province.towns)
            trip.destination = rng.choice([*ELSEWHERE, self.province.region[town]])
        elif rng.random() < IN_PROVINCE:
            self._in_province(trip)
        else:
            trip.inflow_external, trip.destination = self.externals.pick(rng)
        if trip.inflow or trip.inflow_external:
            ended_there = trip.status == "ended" and rng.random() < 0.7
            trip.taken_in = trip.status == "taken_in" or ended_there
        if trip.inflow and trip.taken_in:
            trip.taken_in_by = self.province.mobile_branch_of[self._town(trip.inflow)]
        trip.scope = region_scope(self.province.region[trip.home], trip.destination)

    def _in_province(self, trip: Trip) -> None:
        own_town = self.province.town_of[trip.home]
        town = own_town
        while town == own_town:
            town = self.rng.choices(self.province.towns, self.weights)[0]
        use_branch = self.rng.random() < TO_MOBILE_BRANCH
        trip.inflow = self.province.mobile_branch_of[town] if use_branch else town
        trip.destination = self.province.region[town]

    def _town(self, organization: int) -> int:
        return self.province.town_of.get(organization, organization)

    def _dates(self, trip: Trip) -> None:
        rng, today, days = self.rng, self.today, datetime.timedelta
        trip.expected_months = rng.choice([3, 6, 6, 12, 12, 24, None])
        if trip.status == "draft":
            trip.created = self.at(min(trip.departure + days(rng.randrange(-5, 3)), today))
            return
        submitted_on = min(trip.departure + days(rng.randrange(0, 10)), today)
        trip.submitted = self.at(submitted_on)
        trip.created = trip.submitted - days(hours=rng.randrange(1, 72))
        if rng.random() < CARD_SHARE:
            trip.card = f"QH{trip.departure:%Y}{trip.member:07d}"
        if trip.status == "ended":
            span = max((today - submitted_on).days, 31)
            trip.ended_on = min(submitted_on + days(rng.randrange(30, span)), today)
            trip.end_reason = weighted(rng, END_REASONS)
        if trip.taken_in:
            latest = trip.ended_on or today
            trip.inflow_date = min(submitted_on + days(rng.randrange(1, 31)), latest)
        if trip.status == "returned":
            trip.returned = min(trip.submitted + days(rng.randrange(1, 10)), self.now)

    def _earlier(self, trip: Trip) -> Trip:
        """A period away that ended before this one began (returned home, or moved on)."""
        rng = self.rng
        gap = rng.randrange(200, 700)
        departure = trip.departure - datetime.timedelta(days=gap)
        earlier = Trip(member=trip.member, home=trip.home, status="ended", departure=departure)
        self._registration(earlier)
        self._dates(earlier)
        earlier.ended_on = departure + datetime.timedelta(days=rng.randrange(30, gap - 5))
        earlier.end_reason = rng.choice(["returned_home", "moved_on"])
        if earlier.inflow_date:
            earlier.inflow_date = min(earlier.inflow_date, earlier.ended_on)
        return earlier

    def at(self, day: datetime.date) -> datetime.datetime:
        """A moment of office hours on ``day``, never later than now."""
        zone = timezone.get_current_timezone()
        moment = datetime.time(self.rng.randrange(8, 18), self.rng.randrange(60))
        return min(datetime.datetime.combine(day, moment, tzinfo=zone), self.now)


def write_records(*, trips: list[Trip], maker: TripMaker) -> None:
    with RowWriter(MobileRecord, COLUMNS) as out:
        for trip in trips:
            out.add(_row(trip, maker))


def _row(trip: Trip, maker: TripMaker) -> tuple:
    rng, province = maker.rng, maker.province
    phone = maker.people.has_phone[trip.member - 1]
    creator = province.secretary[trip.outflow or trip.inflow]
    changed = trip.ended_on or trip.inflow_date
    taken_in = trip.taken_in
    return (
        trip.id,
        trip.member,
        trip.status,
        trip.previous.id if trip.previous else None,
        bool(trip.outflow_external),
        trip.outflow,
        trip.outflow_external,
        "村党支部书记" if trip.outflow else "",
        "0971-6123456" if trip.outflow else "",
        trip.card,
        rng.choice(["farmer", "farmer", "skilled_worker", "graduate", "other"]),
        rng.choice(["work", "work", "work", "study", "family"]),
        rng.choice(["private_enterprise", "individual", "state_enterprise", "unknown"]),
        trip.departure,
        trip.expected_months,
        trip.destination,
        province.name.get(trip.inflow) or ELSEWHERE.get(trip.destination, "青海省"),
        trip.scope,
        rng.choice(EMPLOYERS),
        "",
        "",
        "",
        "",
        fake_mobile(trip.member - 1) if phone else "",
        "",
        trip.inflow,
        trip.inflow_external,
        "",
        trip.taken_in_by,
        trip.inflow_date,
        trip.inflow_date,
        "流入地联系人" if taken_in else "",
        "0971-8123456" if taken_in else "",
        "信息不全，请补充工作单位" if trip.returned else "",
        trip.end_reason,
        trip.ended_on,
        trip.submitted,
        creator,
        trip.created,
        maker.at(changed) if changed else (trip.returned or trip.submitted or trip.created),
        "",
        "",
        False,
    )


# Mirrors MobileRecord.implied_member_status for the latest registration that is not a draft
# (Member.refresh_status); an arrival's file also names the organisation it came from.
DERIVE_STATUS = """
UPDATE members_member SET
    status = CASE
        WHEN latest.status <> 'ended' THEN 'mobile'
        WHEN latest.end_reason = 'returned_home' THEN 'active'
        WHEN latest.end_reason = 'transferred' THEN 'transferred'
        ELSE 'mobile' END,
    home_external_id = COALESCE(latest.outflow_external_id, members_member.home_external_id)
FROM (
    SELECT member_id, status, end_reason, outflow_external_id,
           row_number() OVER (PARTITION BY member_id ORDER BY id DESC) AS n
    FROM members_mobilerecord WHERE status <> 'draft'
) AS latest
WHERE latest.n = 1 AND members_member.id = latest.member_id AND members_member.standing = ''
"""


def derive_member_status() -> int:
    """Set every member's status from their registrations in one UPDATE; return the rows."""
    with connection.cursor() as cursor:
        cursor.execute(DERIVE_STATUS)
        return cursor.rowcount
