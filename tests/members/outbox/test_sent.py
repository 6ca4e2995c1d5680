"""The secretaries' "sent messages" page: scoped, filtered, paged without counting, resend."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.outbox.models import Notification

pytestmark = pytest.mark.django_db
Status = Notification.Status


def sms(member, n, *, status=Status.SENT, error="", sender=None, kind="notice"):
    return Notification.objects.create(
        kind=kind,
        channel="sms",
        recipient_member=member,
        occasion=f"sent-{n}",
        text=f"通知{n}",
        status=status,
        last_error=error,
        sender=sender,
    )


def _rows(response) -> list[str]:
    return [n.text for n in response.context["page"].items]


def test_a_secretary_sees_what_was_sent_to_their_members_and_why_not(
    client, secretary_a, member_a1, member_b1
):
    sms(member_a1, 1)
    sms(member_a1, 2, status=Status.SKIPPED, error="档案中没有手机号码。")
    sms(member_b1, 3)
    client.force_login(secretary_a)

    response = client.get(reverse("notifications:sent"))

    assert _rows(response) == ["通知2", "通知1"]
    page = response.content.decode()
    assert "档案中没有手机号码。" in page
    assert member_a1.name in page
    assert "短信" in page
    assert "已发送消息" in page  # the menu entry


def test_filters_by_kind_status_and_date(client, secretary_a, member_a1):
    sms(member_a1, 1)
    sms(member_a1, 2, status=Status.FAILED, error="网关超时")
    sms(member_a1, 3, kind="discipline_reminder")
    old = sms(member_a1, 4)
    Notification.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)
    )
    client.force_login(secretary_a)
    url = reverse("notifications:sent")

    assert _rows(client.get(url, {"status": "failed"})) == ["通知2"]
    assert _rows(client.get(url, {"kind": "discipline_reminder"})) == ["通知3"]
    assert _rows(client.get(url, {"until": "2025-12-31"})) == ["通知4"]
    assert _rows(client.get(url, {"since": "2026-01-01", "kind": "notice"})) == ["通知2", "通知1"]
    assert "已忽略" in client.get(url, {"since": "不是日期"}).content.decode()


def test_pages_by_id_without_counting(client, secretary_a, member_a1):
    for n in range(30):
        sms(member_a1, n)
    client.force_login(secretary_a)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("notifications:sent"), {"size": 20})
    second = client.get(
        reverse("notifications:sent"), {"cursor": first.context["page"].next_cursor}
    )

    assert len(_rows(first)) == 20
    assert len(_rows(second)) == 10
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_secretary_resends_a_failed_message(client, secretary_a, member_a1):
    failed = sms(member_a1, 1, status=Status.FAILED, error="网关超时")
    sent = sms(member_a1, 2)
    client.force_login(secretary_a)

    page = client.get(reverse("notifications:sent")).content.decode()
    response = client.post(reverse("notifications:resend", args=[failed.pk]))
    again = client.post(reverse("notifications:resend", args=[sent.pk]))

    assert reverse("notifications:resend", args=[failed.pk]) in page
    assert reverse("notifications:resend", args=[sent.pk]) not in page
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status != Status.FAILED  # pending again (or already sent by the eager task)
    assert failed.attempts <= 1
    assert again.status_code == 302
    sent.refresh_from_db()
    assert sent.attempts == 0


def test_a_viewer_reads_but_cannot_resend(client, viewer_b, member_b1):
    failed = sms(member_b1, 1, status=Status.FAILED, error="网关超时")
    client.force_login(viewer_b)

    page = client.get(reverse("notifications:sent")).content.decode()
    response = client.post(reverse("notifications:resend", args=[failed.pk]))

    assert "通知1" in page
    assert reverse("notifications:resend", args=[failed.pk]) not in page
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def test_an_outsider_gets_404_for_a_message_of_another_subtree(client, secretary_a, member_b1):
    failed = sms(member_b1, 1, status=Status.FAILED)
    client.force_login(secretary_a)

    assert client.post(reverse("notifications:resend", args=[failed.pk])).status_code == 404


def test_a_secretary_sees_what_they_sent_to_a_member_who_moved_away(client, secretary_a, member_b1):
    sms(member_b1, 1, sender=secretary_a)
    client.force_login(secretary_a)

    assert _rows(client.get(reverse("notifications:sent"))) == ["通知1"]
