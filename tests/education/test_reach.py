"""Where an owned object reaches (education/reach.py): readers see a lesson, class, plan or
dispatch that reaches their members, through the organisations recorded when it was sent, and
a member taken in elsewhere later brings it to the new host."""

import pytest

from education.audience import Audience
from education.lessons import actions as lessons
from education.lessons.models import Lesson
from education.reach import Reach
from members.mobility.actions import mobile_record_take_in
from tests.factories import make_member, make_record, system_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(tree, secretary_a):
    make_member(tree.branch_a1, name="曹忠海")
    lesson = lessons.lesson_create(actor=secretary_a, organization=tree.town_a, title="党章")
    audience = Audience(organization=tree.town_a, mobile_only=False)
    lessons.lesson_publish(actor=secretary_a, lesson=lesson, audience=audience)
    return lesson


def test_publishing_records_the_members_organisations(lesson, tree):
    paths = set(Reach.objects.filter(kind="lesson", object_id=lesson.pk).values_list("path"))

    assert paths == {(tree.branch_a1.path,)}


def test_a_host_that_takes_a_member_in_later_sees_the_lesson(lesson, tree, secretary_b):
    assert not Lesson.objects.visible_to(secretary_b).filter(pk=lesson.pk).exists()
    member = lesson.deliveries.get().member
    record = make_record(member, inflow_organization=tree.town_b)

    mobile_record_take_in(
        actor=system_user(), record=record, taken_in_by=tree.branch_b1, inflow_contact_person="刘"
    )

    assert Lesson.objects.visible_to(secretary_b).filter(pk=lesson.pk).exists()


def test_another_subtree_does_not_see_it(lesson, viewer_b):
    assert not Lesson.objects.visible_to(viewer_b).filter(pk=lesson.pk).exists()
