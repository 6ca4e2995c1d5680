"""Lessons: publishing once to a group, reminders once a day, attachments checked, reading."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from education.audience import Audience
from education.hours.models import StudyCredit
from education.lessons import actions, selectors
from education.lessons.models import Lesson, LessonDelivery
from members.outbox.models import Notification
from members.uploads import MAX_ATTACHMENT_SIZE
from members.workflow import TransitionError
from tests.education.lessons.conftest import docx_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 27)


def test_publishing_sends_each_mobile_member_one_delivery_and_one_sms(published, mobiles):
    delivered = set(published.deliveries.values_list("member_id", flat=True))

    assert delivered == {m.pk for m in mobiles}
    sms = Notification.objects.filter(kind="lesson_published")
    assert sms.count() == 3
    assert sms.filter(recipient_member=mobiles[0]).get().text == (
        "曹忠海同志：大街街道党工委推送了新课程《学习党的二十届四中全会精神》，请在个人页面学习。"
    )
    assert sms.filter(recipient_member=mobiles[2]).get().status == "skipped"  # no phone
    assert published.status == Lesson.Status.PUBLISHED
    assert published.audience.startswith("大街社区党支部 · ")


def test_publishing_twice_is_refused_and_adds_nothing(published, tree, secretary_a):
    audience = Audience(organization=tree.branch_a1, mobile_only=False)

    with pytest.raises(TransitionError):
        actions.lesson_publish(actor=secretary_a, lesson=published, audience=audience)
    assert LessonDelivery.objects.count() == 3
    assert Notification.objects.filter(kind="lesson_published").count() == 3


def test_publishing_to_another_subtree_is_refused(draft, tree, secretary_a):
    with pytest.raises(PermissionDenied):
        actions.lesson_publish(
            actor=secretary_a, lesson=draft, audience=Audience(organization=tree.town_b)
        )
    draft.refresh_from_db()
    assert draft.status == Lesson.Status.DRAFT


def test_other_secretary_may_not_publish(draft, tree, secretary_b):
    with pytest.raises(PermissionDenied):
        actions.lesson_publish(
            actor=secretary_b, lesson=draft, audience=Audience(organization=tree.town_b)
        )


def test_reminder_goes_once_a_day_to_who_has_not_opened(published, mobiles, secretary_a):
    actions.lesson_open(member=mobiles[0], lesson_id=published.pk)

    first = actions.lesson_remind(actor=secretary_a, lesson=published, today=DAY)
    again = actions.lesson_remind(actor=secretary_a, lesson=published, today=DAY)
    next_day = actions.lesson_remind(
        actor=secretary_a, lesson=published, today=DAY + datetime.timedelta(days=1)
    )

    assert (first, again, next_day) == (2, 0, 2)
    reminded = Notification.objects.filter(kind="lesson_reminder")
    assert reminded.count() == 4
    assert not reminded.filter(recipient_member=mobiles[0]).exists()


def test_reminding_chosen_members_only(published, mobiles, secretary_a):
    count = actions.lesson_remind(
        actor=secretary_a, lesson=published, member_ids=[mobiles[1].pk], today=DAY
    )

    assert count == 1
    assert Notification.objects.get(kind="lesson_reminder").recipient_member == mobiles[1]


def test_a_draft_cannot_be_reminded_of(draft, secretary_a):
    with pytest.raises(ValidationError):
        actions.lesson_remind(actor=secretary_a, lesson=draft, today=DAY)


def test_opening_is_recorded_once(published, mobiles):
    first = actions.lesson_open(member=mobiles[0], lesson_id=published.pk).opened_at
    second = actions.lesson_open(member=mobiles[0], lesson_id=published.pk).opened_at

    assert first is not None
    assert second == first


def test_completing_credits_the_hours_once(published, mobiles):
    actions.lesson_complete(member=mobiles[0], lesson_id=published.pk, today=DAY)
    actions.lesson_complete(member=mobiles[0], lesson_id=published.pk, today=DAY)

    credit = StudyCredit.objects.get(member=mobiles[0])
    assert (credit.source, credit.source_id, credit.hours) == ("lesson", published.pk, 1)
    delivery = LessonDelivery.objects.get(member=mobiles[0])
    assert delivery.opened_at is not None
    assert delivery.completed_at is not None


def test_a_member_cannot_complete_a_lesson_not_sent_to_them(published, tree):
    from tests.factories import make_member

    stranger = make_member(tree.branch_b1, name="肖外人")
    with pytest.raises(LessonDelivery.DoesNotExist):
        actions.lesson_complete(member=stranger, lesson_id=published.pk)


def test_withdrawn_lesson_leaves_the_phone_page(published, mobiles, secretary_a):
    actions.lesson_withdraw(actor=secretary_a, lesson=published)

    assert selectors.member_lessons_to_study(member=mobiles[0]) == []
    with pytest.raises(LessonDelivery.DoesNotExist):
        actions.lesson_open(member=mobiles[0], lesson_id=published.pk)


# --- Attachments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("讲义.pdf", pdf_bytes()), ("讲义.docx", docx_bytes()), ("图.png", b"\x89PNG\r\n\x1a\n....")],
)
def test_allowed_attachment_is_kept(draft, secretary_a, name, content):
    attachment = actions.lesson_attachment_add(
        actor=secretary_a, lesson=draft, upload=upload(name, content)
    )

    assert attachment.name == name
    assert attachment.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("病毒.exe", b"MZ\x90\x00", "不支持此类文件"),
        ("假的.pdf", b"MZ\x90\x00 not a pdf", "的内容不是"),
        ("假的.docx", pdf_bytes(), "的内容不是"),
    ],
)
def test_wrong_attachment_is_refused_saying_why(draft, secretary_a, name, content, words):
    with pytest.raises(ValidationError) as error:
        actions.lesson_attachment_add(actor=secretary_a, lesson=draft, upload=upload(name, content))

    assert words in error.value.message_dict["file"][0]
    assert not draft.attachments.exists()


def test_oversized_attachment_is_refused(draft, secretary_a):
    big = upload("大.pdf", pdf_bytes() + b"0" * MAX_ATTACHMENT_SIZE)

    with pytest.raises(ValidationError) as error:
        actions.lesson_attachment_add(actor=secretary_a, lesson=draft, upload=big)

    assert "附件不能超过" in error.value.message_dict["file"][0]


def test_published_lesson_takes_no_more_attachments(published, secretary_a):
    with pytest.raises(ValidationError):
        actions.lesson_attachment_add(
            actor=secretary_a, lesson=published, upload=upload("晚.pdf", pdf_bytes())
        )


# --- Reading scoped ---------------------------------------------------------------------------


def test_list_counts_sent_opened_completed(published, mobiles, secretary_a):
    actions.lesson_open(member=mobiles[0], lesson_id=published.pk)
    actions.lesson_complete(member=mobiles[1], lesson_id=published.pk)

    lesson = selectors.lesson_list(user=secretary_a).items[0]

    assert (lesson.sent, lesson.opened, lesson.completed) == (3, 2, 1)


def test_other_subtree_does_not_see_the_lesson(published, secretary_b, outsider):
    assert not selectors.lesson_queryset(user=secretary_b).exists()
    assert not selectors.lesson_queryset(user=outsider).exists()


def test_unopened_page_lists_those_not_opened(published, mobiles, secretary_a):
    actions.lesson_open(member=mobiles[0], lesson_id=published.pk)

    page = selectors.unopened_page(user=secretary_a, lesson=published)

    assert {d.member_id for d in page.items} == {mobiles[1].pk, mobiles[2].pk}


def test_published_sms_are_delivered_a_batch_per_commit_and_only_once(
    draft, tree, secretary_a, mobiles, settings, tmp_path, django_capture_on_commit_callbacks
):
    from members.outbox.tasks import notifications_send_task

    settings.SMS_FILE_PATH = tmp_path
    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": "members.outbox.channels.FileSmsBackend",
    }
    with django_capture_on_commit_callbacks(execute=True):
        actions.lesson_publish(
            actor=secretary_a, lesson=draft, audience=Audience(organization=tree.branch_a1)
        )
    ids = list(Notification.objects.values_list("pk", flat=True))
    again = notifications_send_task.delay(ids, True).get()

    statuses = sorted(Notification.objects.values_list("status", flat=True))
    assert statuses == ["sent", "sent", "skipped"]
    assert again == {"sent": 0, "skipped": 0, "failed": 0}
    assert len((tmp_path / "messages.jsonl").read_text().splitlines()) == 2
