"""The bell, the inbox, the home page's political birthdays and the send-message page."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.outbox.models import MessageTemplate, Notification
from tests.factories import make_member

pytestmark = pytest.mark.django_db

MORNING = datetime.datetime(2026, 3, 5, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def inbox_message(user, n, **fields):
    return Notification.objects.create(
        kind="birthday_digest",
        channel="inbox",
        recipient_user=user,
        occasion=f"day-{n}",
        text=f"今天有{n}名党员过政治生日",
        status="sent",
        **fields,
    )


def test_bell_shows_the_unread_count_with_one_query(client, secretary_a, secretary_b):
    inbox_message(secretary_a, 1)
    inbox_message(secretary_a, 2)
    inbox_message(secretary_a, 3, read_at=datetime.datetime.now(tz=datetime.UTC))
    inbox_message(secretary_b, 4)
    client.force_login(secretary_a)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()

    assert 'id="inbox-unread">2<' in page
    assert sum('FROM "members_notification"' in q["sql"] for q in queries) == 1


def test_inbox_lists_only_own_messages_and_marks_them_read(client, secretary_a, secretary_b):
    mine = inbox_message(secretary_a, 1)
    inbox_message(secretary_b, 2)
    client.force_login(secretary_a)

    response = client.get(reverse("notifications:inbox"))
    assert [n.pk for n in response.context["notifications"]] == [mine.pk]

    client.post(reverse("notifications:read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert 'id="inbox-unread"' not in client.get(reverse("home")).content.decode()


def test_mark_all_read_touches_only_own_inbox(client, secretary_a, secretary_b):
    inbox_message(secretary_a, 1)
    other = inbox_message(secretary_b, 2)
    client.force_login(secretary_a)

    client.post(reverse("notifications:read_all"))

    assert not Notification.objects.filter(recipient_user=secretary_a, read_at=None).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_inbox_keyset_pages_with_constant_queries(
    client, secretary_a, django_assert_max_num_queries
):
    for n in range(45):
        inbox_message(secretary_a, n)
    client.force_login(secretary_a)

    with django_assert_max_num_queries(8):
        first = client.get(reverse("notifications:inbox"))
    second = client.get(reverse("notifications:inbox"), {"before": first.context["next_before"]})
    third = client.get(reverse("notifications:inbox"), {"before": second.context["next_before"]})

    assert len(first.context["notifications"]) == 20
    assert len(third.context["notifications"]) == 5
    assert third.context["next_before"] is None


@time_machine.travel(MORNING)
def test_home_lists_todays_and_this_weeks_political_birthdays_in_scope(client, secretary_a, tree):
    today = make_member(tree.branch_a1, name="王秀玲", joined_party_on=datetime.date(2014, 3, 5))
    saturday = make_member(tree.branch_a1, name="曹忠海", joined_party_on=datetime.date(2010, 3, 7))
    make_member(tree.branch_a1, name="下周", joined_party_on=datetime.date(2010, 3, 12))
    make_member(tree.branch_b1, name="别处", joined_party_on=datetime.date(2014, 3, 5))
    client.force_login(secretary_a)

    response = client.get(reverse("home"))

    assert [m.pk for m in response.context["birthdays_today"]] == [today.pk]
    assert [m.pk for m in response.context["birthdays_week"]] == [saturday.pk]
    assert response.context["birthdays_today"][0].party_years_then == 12


@time_machine.travel(datetime.datetime(2026, 12, 30, 9, tzinfo=datetime.UTC))
def test_this_week_runs_over_new_year(client, secretary_a, tree):
    member = make_member(tree.branch_a1, joined_party_on=datetime.date(2010, 1, 2))
    client.force_login(secretary_a)

    [shown] = client.get(reverse("home")).context["birthdays_week"]

    assert (shown.pk, shown.celebrated_on, shown.party_years_then) == (
        member.pk,
        datetime.date(2027, 1, 2),
        17,
    )


def _form(tree, **overrides):
    return {
        "organization": tree.town_b.pk,
        "status": "mobile",
        "kind": "discipline_reminder",
        "text": "{name}同志：请按时交纳党费。",
        "token": "tok-1",
        **overrides,
    }


def test_secretary_previews_the_count_then_sends(client, secretary_b, tree, member_b1):
    away = make_member(tree.branch_b1, name="廖宏伟", status="mobile")
    make_member(tree.branch_b1, status="mobile", phone="")
    client.force_login(secretary_b)

    preview = client.post(reverse("orglife:member_message"), {**_form(tree), "preview": ""})
    assert preview.context["preview"]["count"] == 2
    assert preview.context["preview"]["without_phone"] == 1
    assert not Notification.objects.exists()

    client.post(reverse("orglife:member_message"), {**_form(tree), "confirm": ""})
    statuses = dict(Notification.objects.values_list("recipient_member__name", "status"))
    assert statuses["廖宏伟"] in ("pending", "sent")
    assert list(statuses.values()).count("skipped") == 1
    assert member_b1.name not in statuses  # at home, not mobile
    assert Notification.objects.get(recipient_member=away).text == "廖宏伟同志：请按时交纳党费。"


def test_secretary_cannot_send_outside_their_scope(client, secretary_a, tree):
    client.force_login(secretary_a)

    response = client.post(reverse("orglife:member_message"), {**_form(tree), "confirm": ""})

    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Notification.objects.exists()


def test_unknown_placeholder_is_refused(client, secretary_b, tree):
    client.force_login(secretary_b)

    response = client.post(
        reverse("orglife:member_message"), {**_form(tree, text="{nmae}同志"), "preview": ""}
    )

    assert "text" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["viewer_b", "outsider"])
def test_only_writers_may_send(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("orglife:member_message")).status_code == 403


def test_admin_previews_a_template_and_retries_failed_messages(client, superuser, member_a1):
    template = MessageTemplate.objects.create(kind="political_birthday", text="{name}：第{years}年")
    failed = Notification.objects.create(
        kind="notice",
        channel="sms",
        recipient_member=member_a1,
        occasion="x",
        text="t",
        status="failed",
        attempts=5,
        last_error="gateway down",
    )
    client.force_login(superuser)

    page = client.get(reverse("admin:members_messagetemplate_change", args=[template.pk]))
    assert "王秀玲：第12年" in page.content.decode()

    client.post(
        reverse("admin:members_notification_changelist"),
        {"action": "retry", "_selected_action": [failed.pk]},
    )
    failed.refresh_from_db()
    assert failed.status in ("pending", "sent")
    assert failed.attempts <= 1
