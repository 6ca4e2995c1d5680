"""Demo classes (story 5): 西宁市委组织部's city-wide online training class for every mobile
member of the city, 王文春 of 上山庄村 (working in 南宁) among them; and an earlier one with its
attendance recorded and study hours credited. Built through the actions; loading it again adds
nothing."""

import datetime

from django.utils import timezone

from education.audience import Audience
from education.classes.actions import (
    AttendanceEntry,
    attendance_record,
    training_class_create,
    training_class_invite,
)
from education.classes.models import TrainingClass
from members.organizations.models import Organization, User

UPCOMING = "2026年流动党员线上培训班"
PAST = "2026年第三季度流动党员线上培训班"
ROOT_NAME = "中共西宁市委"


def load_demo_classes() -> list[TrainingClass]:
    city = Organization.objects.filter(name=ROOT_NAME, depth=1).first()
    officer = User.objects.filter(username="xn_zzb").first()
    if city is None or officer is None:
        return []  # the management chain's demo is not loaded
    evening = timezone.localtime().replace(hour=19, minute=30, second=0, microsecond=0)
    upcoming = _class(officer, city, UPCOMING, evening + datetime.timedelta(days=7))
    past = _class(officer, city, PAST, evening - datetime.timedelta(days=40))
    if not past.invitations.exclude(attendance="").exists():
        _record(officer, past)
        past.refresh_from_db()
    return [upcoming, past]


def _class(officer, city, title: str, starts_at) -> TrainingClass:
    found = TrainingClass.objects.filter(organization=city, title=title).first()
    if found is not None:
        return found
    training_class = training_class_create(
        actor=officer,
        organization=city,
        title=title,
        description="全市流动党员线上集中学习，请提前5分钟进入会议室并实名入会。",
        starts_at=starts_at,
        duration_minutes=90,
        meeting_link="https://meeting.tencent.com/dm/sanlian-demo",
    )
    training_class_invite(
        actor=officer, training_class=training_class, audience=Audience(city, mobile_only=True)
    )
    return training_class


def _record(officer, training_class: TrainingClass) -> None:
    """王文春 and most others joined; every fifth invitee could not (absent)."""
    rows = training_class.invitations.select_related("member").order_by("pk")
    entries = [
        AttendanceEntry(row.member_id, "joined", 85)
        if row.member.name == "王文春" or index % 5
        else AttendanceEntry(row.member_id, "absent")
        for index, row in enumerate(rows)
    ]
    attendance_record(actor=officer, training_class=training_class, entries=entries)
