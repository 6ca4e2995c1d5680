"""Organisational life over the last two years: every branch's activities and who took part.

Each branch holds a theme Party day most months, a committee meeting every other month, a
general meeting and a Party lesson each quarter (三会一课), an organisational life meeting and
the democratic appraisal each January. A sheet records a few of the branch's own members
(those away mostly online); a mobile branch's sheets also record the mobile members it has
taken in, present since their inflow date.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from bench.database import RowWriter
from bench.generate.chance import weighted
from bench.generate.records import Trip, TripMaker
from members.orglife.models import Activity, Attendance

YEARS = 2
SHEET_SHARE = (0.01, 0.05)  # of a branch's members on one sheet (a few, recorded by hand)
HOSTED_ATTEND = 0.12  # chance a hosted mobile member is on one of the mobile branch's sheets
HOME = [("present", 75), ("excused", 12), ("absent", 8), ("online", 5)]
AWAY = [("online", 70), ("excused", 20), ("absent", 10)]
HOSTED = [("present", 60), ("online", 30), ("excused", 7), ("absent", 3)]
# (kind, title, months it is held in, share of those months it actually happens, day, hour)
PLAN = [
    ("theme_day", "{m}月主题党日", range(1, 13), 0.95, 10, 9),
    ("committee_meeting", "{m}月支委会", range(1, 13, 2), 0.9, 3, 15),
    ("branch_meeting", "第{q}季度支部党员大会", (3, 6, 9, 12), 1.0, 20, 15),
    ("party_lesson", "第{q}季度党课", (3, 6, 9, 12), 1.0, 25, 9),
    ("life_meeting", "{y}年度组织生活会", (1,), 1.0, 15, 14),
    ("appraisal", "{y}年度民主评议党员", (1,), 1.0, 18, 14),
]
ACTIVITY_COLUMNS = ["id", "organization_id", "kind", "title", "held_at", "online", "location"]
ACTIVITY_COLUMNS += ["content", "created_by_id", "created_at"]
ATTENDANCE_COLUMNS = ["id", "activity_id", "member_id", "status", "note", "recorded_by_id"]
ATTENDANCE_COLUMNS += ["recorded_at"]


@dataclass(slots=True)
class Held:
    organization: int
    kind: str
    title: str
    at: datetime.datetime
    id: int = 0


def write_orglife(*, trips: list[Trip], maker: TripMaker, current: bytearray, report) -> None:
    """Write the activities (oldest first) and their attendance sheets."""
    activities = _plan(maker)
    activities.sort(key=lambda a: a.at)
    province, now = maker.province, maker.now
    with RowWriter(Activity, ACTIVITY_COLUMNS) as out:
        for activity in activities:
            activity.id = out.next_id
            online = province.is_mobile_branch(activity.organization) and maker.rng.random() < 0.7
            where = "线上会议" if online else f"{province.name[activity.organization]}党员活动室"
            by = province.secretary[activity.organization]
            created = min(activity.at - datetime.timedelta(days=3), now)
            row = (activity.organization, activity.kind, activity.title, activity.at, online)
            out.add((activity.id, *row, where, "学习党的创新理论", by, created))
    report(f"activities: {len(activities):,}")
    sheets = _Sheets(trips, maker, current)
    with RowWriter(Attendance, ATTENDANCE_COLUMNS) as out:
        for activity in (a for a in activities if a.at <= now):
            by = province.secretary[activity.organization]
            recorded = activity.at + datetime.timedelta(days=1)
            for member, status in sheets.lines(activity):
                out.add((out.next_id, activity.id, member, status, "", by, min(recorded, now)))
    report(f"attendance: {out.written:,}")


def _plan(maker: TripMaker) -> list[Held]:
    """Every branch's activities of the last two years, up to the end of next month."""
    rng, zone = maker.rng, timezone.get_current_timezone()
    last = maker.today.year * 12 + maker.today.month  # next month, counted from January = 0
    held = []
    for branch in maker.province.branches:
        for index in range(last - YEARS * 12 + 1, last + 1):
            year, month = index // 12, index % 12 + 1
            for kind, title, in_months, share, day, hour in PLAN:
                if month not in in_months or rng.random() > share:
                    continue
                at = datetime.datetime(year, month, day, hour, 0, tzinfo=zone)
                name = title.format(m=month, q=(month + 2) // 3, y=year - 1)
                held.append(Held(branch, kind, name, at))
    return held


class _Sheets:
    """Who is on an activity's sheet: a few of the branch's members and its hosted ones."""

    def __init__(self, trips: list[Trip], maker: TripMaker, current: bytearray):
        self.rng, self.today = maker.rng, maker.today
        self.home = {
            branch: [m for m in members if current[m - 1]]
            for branch, members in maker.people.by_branch.items()
        }
        self.away: dict[int, tuple[datetime.date, datetime.date]] = {}
        self.hosted: dict[int, list[tuple]] = defaultdict(list)
        for trip in trips:
            if trip.submitted is None:
                continue
            self.away[trip.member] = (trip.departure, trip.until(self.today))
            if trip.taken_in_by and trip.inflow_date:
                period = (trip.member, trip.inflow_date, trip.until(self.today))
                self.hosted[trip.taken_in_by].append(period)

    def lines(self, activity: Held) -> list[tuple[int, str]]:
        rng, day = self.rng, activity.at.date()
        members = self.home.get(activity.organization, [])
        share = rng.uniform(*SHEET_SHARE)
        chosen = rng.sample(members, min(len(members), round(len(members) * share)))
        lines = [(m, weighted(rng, AWAY if self._away(m, day) else HOME)) for m in chosen]
        seen = set(chosen)
        for member, since, until in self.hosted.get(activity.organization, ()):
            if since <= day <= until and member not in seen and rng.random() < HOSTED_ATTEND:
                seen.add(member)
                lines.append((member, weighted(rng, HOSTED)))
        return lines

    def _away(self, member: int, day: datetime.date) -> bool:
        period = self.away.get(member)
        return period is not None and period[0] <= day <= period[1]
