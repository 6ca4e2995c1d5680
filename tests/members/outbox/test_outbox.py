"""The outbox: one message per (kind, recipient, occasion), sent once, failures visible."""

import datetime
import json

import pytest
import time_machine
from django.db import transaction

from config.celery import app as celery_app
from members.files.birthdays import anniversary_keys, names_text, political_birthdays_queue
from members.files.tasks import political_birthdays_task
from members.orglife.actions import member_message_send
from members.outbox.actions import notifications_retry
from members.outbox.models import MessageTemplate, Notification
from members.outbox.selectors import stale_pending_batches
from members.outbox.tasks import notifications_send_task, notifications_sweep_task
from tests.factories import assign, make_member

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 5)


@pytest.fixture
def sms_sent(settings, tmp_path):
    """Messages written by the development SMS backend, as a function returning the lines."""
    settings.SMS_FILE_PATH = tmp_path
    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": "members.outbox.channels.FileSmsBackend",
    }

    def read():
        path = tmp_path / "messages.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    return read


@pytest.fixture
def wang_xiuling(tree):
    """The seed's 王秀玲: joined 12 years before DAY; her branch secretary is 王生贵."""
    tree.branch_a1.secretary_name = "王生贵"
    tree.branch_a1.save()
    return make_member(
        tree.branch_a1, name="王秀玲", gender="F", joined_party_on=datetime.date(2014, 3, 5)
    )


def run_job(django_capture_on_commit_callbacks, day=DAY):
    with django_capture_on_commit_callbacks(execute=True):
        return political_birthdays_task.delay(day.isoformat()).get()


def test_greeting_names_the_years_and_the_branch_secretary(
    wang_xiuling, sms_sent, django_capture_on_commit_callbacks
):
    assert run_job(django_capture_on_commit_callbacks) == 1

    greeting = Notification.objects.get(recipient_member=wang_xiuling)
    assert greeting.status == Notification.Status.SENT
    assert greeting.occasion == "2026"
    assert "入党12周年" in greeting.text
    assert "王生贵" in greeting.text
    assert [m["phone"] for m in sms_sent()] == [wang_xiuling.phone]


def test_running_the_job_twice_sends_each_member_one_greeting(
    wang_xiuling, tree, sms_sent, django_capture_on_commit_callbacks
):
    other = make_member(tree.branch_b1, joined_party_on=datetime.date(2011, 3, 5))
    make_member(tree.branch_b1, joined_party_on=datetime.date(2011, 3, 6))  # not today

    run_job(django_capture_on_commit_callbacks)
    run_job(django_capture_on_commit_callbacks)

    greetings = Notification.objects.filter(kind="political_birthday")
    assert sorted(greetings.values_list("recipient_member", flat=True)) == sorted(
        [wang_xiuling.pk, other.pk]
    )
    assert sorted(m["phone"] for m in sms_sent()) == sorted([wang_xiuling.phone, other.phone])


def test_next_year_is_a_new_occasion(wang_xiuling, sms_sent, django_capture_on_commit_callbacks):
    run_job(django_capture_on_commit_callbacks)
    run_job(django_capture_on_commit_callbacks, datetime.date(2027, 3, 5))

    texts = Notification.objects.filter(recipient_member=wang_xiuling).order_by("occasion")
    assert [n.occasion for n in texts] == ["2026", "2027"]
    assert "入党13周年" in texts[1].text


def test_members_joined_on_29_february_are_greeted_on_28_february_in_common_years(tree):
    leap = make_member(tree.branch_a1, joined_party_on=datetime.date(2008, 2, 29))

    assert anniversary_keys(datetime.date(2026, 2, 28)) == [228, 229]
    assert anniversary_keys(datetime.date(2028, 2, 28)) == [228]
    assert political_birthdays_queue(day=datetime.date(2026, 2, 28)) == 1
    assert political_birthdays_queue(day=datetime.date(2028, 2, 28)) == 0
    assert political_birthdays_queue(day=datetime.date(2028, 2, 29)) == 1
    assert Notification.objects.get(recipient_member=leap, occasion="2026").text.count("入党18周年")


@time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC))
def test_no_greeting_in_the_year_of_joining_or_for_members_who_left(tree):
    make_member(tree.branch_a1, joined_party_on=datetime.date(2026, 1, 5))
    make_member(tree.branch_a1, joined_party_on=datetime.date(2010, 1, 5), status="transferred")

    assert political_birthdays_queue(day=datetime.date(2026, 1, 5)) == 0


def test_member_without_a_phone_gets_no_sms_and_the_reason_is_recorded(
    tree, sms_sent, django_capture_on_commit_callbacks
):
    member = make_member(tree.branch_a1, phone="", joined_party_on=datetime.date(2014, 3, 5))

    run_job(django_capture_on_commit_callbacks)

    greeting = Notification.objects.get(recipient_member=member)
    assert greeting.status == Notification.Status.SKIPPED
    assert greeting.last_error
    assert sms_sent() == []


def test_a_branch_template_overrides_the_city_default(wang_xiuling, tree, member_b1):
    member_b1.joined_party_on = datetime.date(2000, 3, 5)  # written directly: fixture tweak
    member_b1.join_anniversary = 305
    member_b1.save()
    MessageTemplate.objects.create(kind="political_birthday", text="全市：{name}，第{years}年")
    MessageTemplate.objects.create(
        kind="political_birthday", organization=tree.town_a, text="大街：{name}，{signature}"
    )

    political_birthdays_queue(day=DAY)

    texts = dict(Notification.objects.values_list("recipient_member__name", "text"))
    assert texts == {
        "王秀玲": "大街：王秀玲，大街社区党支部 王生贵",
        "肖双强": "全市：肖双强，第26年",
    }


def test_secretaries_get_an_inbox_digest_naming_their_subtree(
    wang_xiuling, secretary_a, secretary_b, viewer_b, tree
):
    make_member(tree.branch_a1, name="李明", joined_party_on=datetime.date(2009, 3, 5))
    assign(secretary_a, tree.branch_a1, "secretary")  # nested assignment: counted once

    political_birthdays_queue(day=DAY)
    political_birthdays_queue(day=DAY)

    digests = Notification.objects.filter(kind="birthday_digest")
    assert list(digests.values_list("recipient_user", "channel", "occasion")) == [
        (secretary_a.pk, "inbox", "2026-03-05")
    ]
    assert digests.get().text == "今天（2026-03-05）李明、王秀玲过政治生日，名单见首页。"


def test_the_digest_names_a_few_then_says_how_many():
    names = ["王秀玲", "李明", "张华", "马兰", "韩梅"]

    assert names_text(names[:3]) == "王秀玲、李明、张华"
    assert names_text(names) == "王秀玲、李明、张华等5名党员"


def test_a_rolled_back_transaction_leaves_no_row_and_enqueues_nothing(
    wang_xiuling, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        _greet_then_fail()

    assert callbacks == []
    assert not Notification.objects.exists()


@transaction.atomic
def _greet_then_fail():
    political_birthdays_queue(day=DAY)
    raise RuntimeError("the business change failed")


def test_failing_sms_backend_retries_then_ends_failed_with_the_error(
    wang_xiuling, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": "tests.members.outbox.fake_channels.FailingSmsBackend",
    }
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    # Eagerly, a retry re-runs at once; propagating would surface Celery's Retry exception.
    celery_app.conf.task_eager_propagates = False  # the autouse fixture sets it back

    run_job(django_capture_on_commit_callbacks)

    greeting = Notification.objects.get(recipient_member=wang_xiuling)
    assert greeting.status == Notification.Status.FAILED
    assert greeting.attempts == 3
    assert "gateway timeout" in greeting.last_error


def test_an_administrator_retries_a_failed_message(
    wang_xiuling, superuser, sms_sent, django_capture_on_commit_callbacks
):
    political_birthdays_queue(day=DAY)
    Notification.objects.update(status="failed", attempts=5, last_error="down")

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_retry(actor=superuser, queryset=Notification.objects.all()) == 1

    greeting = Notification.objects.get()
    assert (greeting.status, greeting.attempts, greeting.last_error) == ("sent", 1, "")


def test_a_second_send_task_for_the_same_ids_sends_nothing(wang_xiuling, sms_sent):
    political_birthdays_queue(day=DAY)
    ids = list(Notification.objects.values_list("pk", flat=True))

    assert notifications_send_task.delay(ids).get() == {"sent": 1, "skipped": 0, "failed": 0}
    assert notifications_send_task.delay(ids).get() == {"sent": 0, "skipped": 0, "failed": 0}
    assert len(sms_sent()) == 1


def test_sweep_dispatches_rows_left_pending(wang_xiuling, sms_sent, settings):
    political_birthdays_queue(day=DAY)  # on_commit never runs here: the dispatch is "lost"
    later = Notification.objects.get().updated_at + datetime.timedelta(hours=3)

    early = later - datetime.timedelta(hours=2, minutes=30)
    assert list(stale_pending_batches(now=early)) == []
    assert [len(ids) for ids in stale_pending_batches(now=later)] == [1]
    assert notifications_sweep_task() == 0  # nothing is stale yet by the real clock


def test_secretary_message_reaches_members_in_scope_once_per_form(
    secretary_b, member_b1, member_a1, tree, sms_sent, django_capture_on_commit_callbacks
):
    away = make_member(tree.branch_b1, name="廖宏伟", status="mobile")
    send = {
        "actor": secretary_b,
        "organization": tree.town_b,
        "status": "mobile",
        "kind": "discipline_reminder",
        "text": "{name}同志：请按时参加主题党日。",
        "token": "t1",
    }

    with django_capture_on_commit_callbacks(execute=True):
        assert member_message_send(**send) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert member_message_send(**send) == 1  # a double submit

    assert [m["text"] for m in sms_sent()] == ["廖宏伟同志：请按时参加主题党日。"]
    assert Notification.objects.get().recipient_member == away


def test_email_channel_uses_djangos_mail_backend_and_skips_users_without_address(
    secretary_a, secretary_b, mailoutbox
):
    secretary_a.email = "mahuiyan@example.cn"
    secretary_a.save()
    ids = [
        Notification.objects.create(
            kind="notice", channel="email", recipient_user=user, occasion="o", text="请查收通知"
        ).pk
        for user in (secretary_a, secretary_b)
    ]

    assert notifications_send_task.delay(ids).get() == {"sent": 1, "skipped": 1, "failed": 0}
    assert [(m.to, m.body) for m in mailoutbox] == [(["mahuiyan@example.cn"], "请查收通知")]
