"""Plans' fixtures: a town A template and plan, and lesson and class rows made directly (the
lessons and classes topics are built elsewhere; progress only reads their rows)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from education.audience import Audience
from education.classes.models import ClassInvitation, TrainingClass
from education.lessons.models import Lesson, LessonDelivery
from education.plans import actions
from tests.factories import make_member

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR = 2026


@pytest.fixture
def readings(tree, secretary_a):
    return [
        actions.reading_create(
            actor=secretary_a,
            organization=tree.town_a,
            kind="book",
            title=title,
            hours=Decimal(hours),
        )
        for title, hours in (("中国共产党章程", 2), ("党员教育管理工作条例", 3))
    ]


@pytest.fixture
def template(tree, secretary_a, readings):
    return actions.template_create(
        actor=secretary_a,
        organization=tree.town_a,
        name="2026年流动党员学习计划",
        target_hours=Decimal(32),
        readings=readings,
    )


@pytest.fixture
def mobile_members(tree):
    """Three mobile members of branch A1, named out of any order by hours."""
    return [
        make_member(tree.branch_a1, name=name, status="mobile") for name in ("丙一", "乙二", "甲三")
    ]


def make_lesson(organization, user, title="党课一", hours="1.0"):
    return Lesson.objects.create(
        organization=organization,
        title=title,
        hours=Decimal(hours),
        status=Lesson.Status.PUBLISHED,
        created_by=user,
    )


def make_class(organization, user, title="培训班一"):
    return TrainingClass.objects.create(
        organization=organization,
        title=title,
        starts_at=datetime.datetime(YEAR, 6, 1, 9, tzinfo=ZONE),
        meeting_link="https://meeting.example.cn/1",
        created_by=user,
    )


def deliver(lesson, member, *, completed=True):
    done = datetime.datetime(YEAR, 6, 2, 9, tzinfo=ZONE) if completed else None
    return LessonDelivery.objects.create(lesson=lesson, member=member, completed_at=done)


def invite(training_class, member, attendance=ClassInvitation.Attendance.JOINED):
    return ClassInvitation.objects.create(
        training_class=training_class, member=member, attendance=attendance
    )


@pytest.fixture
def lesson(tree, secretary_a):
    return make_lesson(tree.town_a, secretary_a)


@pytest.fixture
def training_class(tree, secretary_a):
    return make_class(tree.town_a, secretary_a)


@pytest.fixture
def plan(tree, secretary_a, template, mobile_members, lesson, training_class):
    return actions.plan_create(
        actor=secretary_a,
        organization=tree.town_a,
        year=YEAR,
        template=template,
        audience=Audience(organization=tree.town_a),
        lessons=[lesson],
        classes=[training_class],
    )
