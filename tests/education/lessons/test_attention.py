"""The lessons' item on the home card: this week's lessons some members have not opened."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from education.audience import Audience
from education.lessons import actions
from education.lessons.attention import lessons_unopened

pytestmark = pytest.mark.django_db


def _count(user, cap=99):
    item = lessons_unopened(user, timezone.localdate(), cap)
    return None if item is None else item.count


def _publish(secretary, organization, title):
    lesson = actions.lesson_create(actor=secretary, organization=organization, title=title)
    actions.lesson_publish(
        actor=secretary, lesson=lesson, audience=Audience(organization=organization)
    )
    return lesson


def test_a_lesson_with_unopened_members_counts_once(published, secretary_a):
    assert _count(secretary_a) == 1


def test_a_lesson_everyone_opened_counts_nothing(published, secretary_a, mobiles):
    for member in mobiles:
        actions.lesson_open(member=member, lesson_id=published.pk)

    assert _count(secretary_a) == 0


def test_a_lesson_published_over_a_week_ago_counts_nothing(draft, tree, secretary_a, mobiles):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=8), tick=False):
        actions.lesson_publish(
            actor=secretary_a, lesson=draft, audience=Audience(organization=tree.branch_a1)
        )

    assert _count(secretary_a) == 0


def test_the_members_branch_sees_the_towns_lesson(published, officer_a1):
    assert _count(officer_a1) == 1


def test_another_town_sees_nothing(published, secretary_b):
    assert _count(secretary_b) == 0


def test_a_reader_gets_no_lesson_item(published, viewer_b):
    assert _count(viewer_b) is None


def test_the_count_stops_at_the_cap_plus_one(tree, secretary_a, mobiles):
    for n in range(3):
        _publish(secretary_a, tree.branch_a1, f"第{n}课")

    assert _count(secretary_a, cap=1) == 2


def test_the_item_links_to_the_lesson_list(published, secretary_a):
    item = lessons_unopened(secretary_a, timezone.localdate(), 99)

    assert item.url == "/education/lessons/"
