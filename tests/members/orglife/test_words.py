"""Organisational life in a secretary's words: the home organisation on the sheet, the
recipients named before sending, placeholders to insert, a question before deleting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.orglife.actions import AttendanceEntry, activity_create, attendance_record
from members.orglife.models import Activity
from members.outbox.models import Notification
from tests.factories import make_external_organization, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(tree, secretary_a):
    return activity_create(
        actor=secretary_a,
        organization=tree.branch_a1,
        kind="theme_day",
        title="三月主题党日",
        held_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_the_sheet_names_a_member_s_home_organisation_outside_the_system(
    client, tree, activity, secretary_a
):
    chengdu = make_external_organization(name="中共成都市武侯区簇锦街道工委")
    make_member(tree.branch_a1, name="廖宏伟", home_external=chengdu)
    client.force_login(secretary_a)

    page = client.get(activity.get_absolute_url()).content.decode()

    row = page[page.index("廖宏伟") :]
    assert row.index("中共成都市武侯区簇锦街道工委") < row.index("</tr>")


def test_deleting_an_activity_asks_first(client, activity, secretary_a):
    client.force_login(secretary_a)
    url = reverse("orglife:activity_delete", args=[activity.pk])

    detail = client.get(activity.get_absolute_url()).content.decode()
    question = client.get(url)
    still_there = Activity.objects.filter(pk=activity.pk).exists()
    done = client.post(url, follow=True)

    assert f'href="{url}"' in detail
    assert "删除后无法恢复" in question.content.decode()
    assert still_there
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert "已删除活动：三月主题党日" in done.content.decode()


def _message(tree, text):
    return {
        "organization": tree.town_b.pk,
        "status": "",
        "kind": "discipline_reminder",
        "text": text,
        "token": "tok-words",
    }


# Twelve recipients: the preview names ten of them.
NAMES = [f"党员{stem}" for stem in "甲乙丙丁戊己庚辛壬癸子丑"]


def test_the_preview_names_the_recipients_and_offers_placeholders(client, tree, secretary_b):
    for name in NAMES:
        make_member(tree.branch_b1, name=name)
    client.force_login(secretary_b)

    blank = client.get(reverse("orglife:member_message")).content.decode()
    preview = client.post(
        reverse("orglife:member_message"),
        {**_message(tree, "{姓名}同志：请按时交纳党费。"), "preview": ""},
    )
    page = preview.content.decode()

    assert 'data-insert="{姓名}"' in blank
    assert "{name}" not in blank
    names = preview.context["preview"]["names"]
    assert len(set(names) & set(NAMES)) == 10
    assert "等，共 12 人" in page
    assert f"{names[0]}同志：请按时交纳党费。" in page


def test_a_chinese_placeholder_is_filled_in_on_sending(client, tree, secretary_b):
    member = make_member(tree.branch_b1, name="肖双强")
    client.force_login(secretary_b)

    client.post(
        reverse("orglife:member_message"),
        {**_message(tree, "{姓名}同志：{所在支部}通知您按时参加学习。"), "confirm": ""},
    )

    assert Notification.objects.get(recipient_member=member).text.startswith(
        "肖双强同志：南滩街道流动党员党支部通知您"
    )


def test_a_past_activity_with_attendance_offers_neither_notice_nor_delete(
    client, tree, activity, secretary_a
):
    member = make_member(tree.branch_a1, name="王秀玲")
    attendance_record(
        actor=secretary_a,
        activity=activity,
        entries=[AttendanceEntry(member_id=member.pk, status="present")],
    )
    client.force_login(secretary_a)
    delete_url = reverse("orglife:activity_delete", args=[activity.pk])

    response = client.get(activity.get_absolute_url())
    refused = client.get(delete_url, follow=True)

    assert response.context["steps"] == ["edit"]
    assert delete_url not in response.content.decode()
    assert reverse("orglife:activity_notify", args=[activity.pk]) not in response.content.decode()
    assert refused.redirect_chain == [(activity.get_absolute_url(), 302)]
    assert Activity.objects.filter(pk=activity.pk).exists()
