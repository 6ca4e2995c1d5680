"""Demo contacts, dues and organisational life, so warnings and year overviews look lived-in.

Most mobile members were reached recently and paid their dues; a few were not, and show up in
the warnings list as they would in a real town. Built through the actions; seeded; a second
load adds nothing (it stops when contacts already exist).
"""

import datetime
import random
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from members.files.models import Member
from members.followup import actions as management
from members.followup.models import ContactLog
from members.mobility.models import MobileRecord
from members.organizations.models import Organization, User
from members.orglife import actions as orglife
from members.orglife.actions import AttendanceEntry
from members.orglife.models import Activity
from members.orglife.selectors import activity_eligible_members

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
MOBILE_BRANCHES = ["大街街道流动党员党支部", "南滩街道流动党员党支部", "卡阳村党支部"]


def load_demo_management(admin: User, organizations: dict[str, Organization]) -> None:
    if ContactLog.objects.filter(member__is_sample=True).exists():
        return
    today = timezone.localdate()
    records = MobileRecord.objects.filter(status__in=MobileRecord.AWAY_STATUSES).select_related(
        "member"
    )
    for record in records.filter(member__is_sample=True).order_by("pk"):
        _contacts_and_dues(admin, record, random.Random(record.member_id), today)
    for name in MOBILE_BRANCHES:
        _year_of_activities(admin, organizations[name], today)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _contacts_and_dues(admin, record: MobileRecord, rng: random.Random, today) -> None:
    member = record.member
    if rng.random() < 0.85:  # reached lately; the rest drift towards a lost-contact warning
        management.contact_record(
            actor=admin,
            member=member,
            channel=rng.choice(["phone", "wechat", "phone"]),
            contacted_on=today - datetime.timedelta(days=rng.randrange(3, 120)),
            reached=True,
            note="电话了解工作生活情况（示例数据）",
        )
    start = max(_months_before(today, 12), record.departure_date.replace(day=1))
    rate = Decimal(rng.choice(["0.20", "0.50", "1.00", "2.00"]))
    management.dues_rate_set(actor=admin, member=member, amount=rate, since=start)
    if rng.random() < 0.8:
        paid_on = today - datetime.timedelta(days=rng.randrange(0, 60))
        period_to = _months_before(paid_on, rng.randrange(0, 2))
        period_from = max(start, _months_before(period_to, rng.randrange(0, 4)))
        if period_from > period_to:
            return  # left this month: nothing due yet
        months = (period_to.year - period_from.year) * 12 + period_to.month - period_from.month + 1
        management.dues_payment_record(
            actor=admin,
            member=member,
            amount=rate * months,
            period_from=period_from,
            period_to=period_to,
            paid_on=paid_on,
            place=rng.choice(["home", "inflow"]) if record.inflow_organization_id else "home",
        )


def _year_of_activities(admin, branch: Organization, today) -> None:
    """A theme Party day each month so far this year and a Party lesson each quarter."""
    rng = random.Random(branch.pk)
    for month in range(1, today.month + 1):
        held = datetime.datetime(today.year, month, 5, 19, 30, tzinfo=SHANGHAI)
        if held.date() > today:
            break
        _activity(admin, branch, Activity.Kind.THEME_DAY, f"{month}月主题党日", held, rng)
        if month % 3 == 0:
            _activity(
                admin,
                branch,
                Activity.Kind.PARTY_LESSON,
                f"第{month // 3}季度党课",
                held + datetime.timedelta(days=10),
                rng,
            )


def _activity(admin, branch, kind, title, held, rng) -> None:
    online = branch.kind == Organization.Kind.MOBILE_BRANCH
    activity = orglife.activity_create(
        actor=admin,
        organization=branch,
        kind=kind,
        title=title,
        held_at=held,
        online=online,
        location="线上会议" if online else branch.address,
        content="学习党的创新理论（示例数据）",
    )
    # Nobody attends before arriving: skip members whose period away began after the activity.
    arrived_later = MobileRecord.objects.exclude(status="ended").filter(
        departure_date__gt=held.date()
    )
    members = (
        activity_eligible_members(activity=activity)
        .filter(status__in=Member.CURRENT_STATUSES)
        .exclude(pk__in=arrived_later.values("member_id"))
    )
    statuses = (
        ["online", "online", "present", "excused", "absent"]
        if online
        else ["present", "present", "present", "excused", "absent"]
    )
    entries = [AttendanceEntry(member_id=m.pk, status=rng.choice(statuses)) for m in members]
    orglife.attendance_record(actor=admin, activity=activity, entries=entries)
