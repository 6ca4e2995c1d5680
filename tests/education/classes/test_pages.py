"""Class pages and API: scheduling, inviting, the sheet, the import page; scoped."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from education.classes.models import ClassInvitation, TrainingClass
from education.hours.models import StudyCredit
from tests.education.classes.conftest import NOW, xlsx

pytestmark = pytest.mark.django_db


def test_city_officer_schedules_and_invites_city_wide(client, tree, city_officer, invitees):
    client.force_login(city_officer)
    client.post(
        reverse("education:classes:class_create"),
        {
            "organization": tree.city.pk,
            "title": "线上培训",
            "starts_at": "2026-11-28T19:30",
            "duration_minutes": "90",
            "meeting_link": "https://meeting.example/c",
            "hours": "2.0",
        },
    )
    training_class = TrainingClass.objects.get(title="线上培训")
    client.post(
        reverse("education:classes:class_invite", args=[training_class.pk]),
        {"audience_organization": tree.city.pk, "audience_mobile_only": "on"},
    )

    assert training_class.invitations.count() == 3
    page = client.get(reverse("education:classes:class_detail", args=[training_class.pk]))
    assert "王文春" in page.content.decode()


def test_sheet_and_import_pages_record_attendance(client, invited, invitees, city_officer):
    wang = invitees[0]
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        client.force_login(city_officer)  # after the class: a session begun then
        client.post(
            reverse("education:classes:attendance_save", args=[invited.pk]),
            {"member": [wang.pk], f"attendance_{wang.pk}": "joined", f"minutes_{wang.pk}": "70"},
        )
        assert StudyCredit.objects.filter(member=wang).exists()
        bad = client.post(
            reverse("education:classes:attendance_import", args=[invited.pk]),
            {"file": xlsx([["姓名", "手机号", "入会时长(分钟)"], ["谁", "13800000000", 5]])},
        )
        assert bad.status_code == 200
        assert "13800000000" in bad.content.decode()
        good = client.post(
            reverse("education:classes:attendance_import", args=[invited.pk]),
            {"file": xlsx([["姓名", "手机号", "入会时长(分钟)"], ["曹忠海", "13900000002", 50]])},
        )
    assert good.status_code == 302
    assert ClassInvitation.objects.get(member=wang).attendance == "absent"
    assert not StudyCredit.objects.filter(member=wang).exists()


def test_outsider_gets_404_and_reader_403_on_writes(client, invited, outsider, secretary_a):
    client.force_login(outsider)
    detail = client.get(reverse("education:classes:class_detail", args=[invited.pk]))
    assert detail.status_code == 404
    client.force_login(secretary_a)  # reads the city class its members were invited to
    assert (
        client.get(reverse("education:classes:class_detail", args=[invited.pk])).status_code == 200
    )
    invite = client.post(reverse("education:classes:class_invite", args=[invited.pk]))
    assert invite.status_code == 403


def test_api_creates_invites_and_records(client, tree, city_officer, invitees):
    client.force_login(city_officer)
    created = client.post(
        "/api/v1/education/training-classes/",
        {
            "organization": tree.city.pk,
            "title": "API培训班",
            "starts_at": "2026-11-27T08:30:00+08:00",  # begun: attendance may be recorded
            "meeting_link": "https://meeting.example/api",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    invited = client.post(
        f"/api/v1/education/training-classes/{pk}/invite/",
        {"audience_organization": tree.city.pk},
        content_type="application/json",
    )
    assert invited.json() == {"count": 3}
    recorded = client.post(
        f"/api/v1/education/training-classes/{pk}/invitations/",
        {"entries": [{"member": invitees[0].pk, "attendance": "joined", "minutes": 80}]},
        content_type="application/json",
    )
    assert recorded.json()["joined"] == 1
    listed = client.get(f"/api/v1/education/training-classes/{pk}/invitations/")
    assert len(listed.json()["results"]) == 3
