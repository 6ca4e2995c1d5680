"""The education demos: story 4's lesson and story 5's city-wide class, loaded twice."""

import pytest
from django.core.management import call_command

from education.classes.demo import PAST, UPCOMING, load_demo_classes
from education.hours.models import StudyCredit
from education.lessons.demo import TITLE, load_demo_lessons
from members.outbox.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_demo_lesson_reaches_cao_zhonghai_once(demo):
    lesson = load_demo_lessons()
    again = load_demo_lessons()

    assert again == lesson
    assert lesson.title == TITLE
    assert lesson.deliveries.filter(member__name="曹忠海").exists()
    assert (
        Notification.objects.filter(
            kind="lesson_published", recipient_member__name="曹忠海"
        ).count()
        == 1
    )


def test_demo_classes_invite_wang_wenchun_and_credit_the_past_one(demo):
    upcoming, past = load_demo_classes()
    load_demo_classes()

    assert upcoming.title == UPCOMING
    assert upcoming.invitations.filter(member__name="王文春").exists()
    assert past.title == PAST
    assert past.status == "held"
    assert (
        StudyCredit.objects.filter(member__name="王文春", source="class", source_id=past.pk).count()
        == 1
    )
