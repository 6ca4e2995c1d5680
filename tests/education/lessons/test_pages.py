"""Lesson pages, API and the member's phone page: scoped, only the steps the user may take."""

import pytest
from django.urls import reverse
from django.utils import timezone

from education.hours.models import StudyCredit
from education.lessons import actions
from education.lessons.links import lesson_completed, lesson_page, lessons_section
from education.lessons.models import Lesson, LessonDelivery
from members.links.registry import action_handler, page_handler, sections_for
from members.outbox.models import Notification
from tests.education.lessons.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_secretary_creates_publishes_and_reminds_through_the_pages(
    client, tree, secretary_a, mobiles
):
    client.force_login(secretary_a)
    created = client.post(
        reverse("education:lessons:lesson_create"),
        {"organization": tree.branch_a1.pk, "title": "党章学习", "body": "第一章", "hours": "2"},
    )
    lesson = Lesson.objects.get(title="党章学习")
    assert created.status_code == 302
    attached = client.post(
        reverse("education:lessons:attachment_add", args=[lesson.pk]),
        {"file": upload("党章.pdf", pdf_bytes())},
    )
    assert attached.status_code == 302
    assert lesson.attachments.count() == 1
    client.post(
        reverse("education:lessons:lesson_publish", args=[lesson.pk]),
        {"audience_organization": tree.branch_a1.pk, "audience_mobile_only": "on"},
    )
    assert lesson.deliveries.count() == 3
    client.post(reverse("education:lessons:lesson_remind", args=[lesson.pk]), {"all": "1"})
    assert Notification.objects.filter(kind="lesson_reminder").count() == 3

    page = client.get(reverse("education:lessons:lesson_detail", args=[lesson.pk]))
    assert page.status_code == 200
    assert "曹忠海" in page.content.decode()


def test_wrong_attachment_is_told_in_a_message(client, draft, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        reverse("education:lessons:attachment_add", args=[draft.pk]),
        {"file": upload("病毒.exe", b"MZ")},
        follow=True,
    )

    assert "exe" in response.content.decode()
    assert not draft.attachments.exists()


def test_outsider_gets_404_and_viewer_403_on_writes(client, published, outsider, viewer_b):
    client.force_login(outsider)
    assert (
        client.get(reverse("education:lessons:lesson_detail", args=[published.pk])).status_code
        == 404
    )
    client.force_login(viewer_b)
    remind = client.post(reverse("education:lessons:lesson_remind", args=[published.pk]))
    assert remind.status_code == 404  # viewer of B does not see A's lesson at all


def test_list_shows_counts_without_ranking_members(client, published, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("education:lessons:lesson_list"))

    assert response.status_code == 200
    assert published.title in response.content.decode()


def test_api_lists_publishes_and_lists_deliveries(client, tree, secretary_a, mobiles):
    client.force_login(secretary_a)
    created = client.post(
        "/api/v1/education/lessons/",
        {"organization": tree.town_a.pk, "title": "API课", "hours": "1.0"},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    published = client.post(
        f"/api/v1/education/lessons/{pk}/publish/",
        {"audience_organization": tree.branch_a1.pk},
        content_type="application/json",
    )
    assert published.json() == {"count": 3}
    again = client.post(
        f"/api/v1/education/lessons/{pk}/publish/",
        {"audience_organization": tree.branch_a1.pk},
        content_type="application/json",
    )
    assert again.status_code == 409
    deliveries = client.get(f"/api/v1/education/lessons/{pk}/deliveries/")
    assert len(deliveries.json()["results"]) == 3
    reminded = client.post(
        f"/api/v1/education/lessons/{pk}/remind/", {}, content_type="application/json"
    )
    assert reminded.json() == {"count": 3}


# --- The member's phone page ------------------------------------------------------------------


def test_phone_section_lists_lessons_not_completed(published, mobiles):
    sections = lessons_section(mobiles[0], today=timezone.localdate())

    assert sections[0].items[0].title == published.title
    assert sections[0].items[0].url == f"lesson/{published.pk}/"
    assert sections[0].items[0].actions[0].name == "lesson_completed"
    assert any(
        s.title == sections[0].title for s in sections_for(mobiles[0], today=timezone.localdate())
    )


def test_lesson_page_through_the_link_records_opening(published, mobiles, rf):
    assert page_handler("lesson") is lesson_page
    template, context = lesson_page(
        mobiles[0], target_id=published.pk, link=None, request=rf.get("/")
    )

    assert template == "education/lessons/phone_lesson.html"
    assert context["lesson"] == published
    assert LessonDelivery.objects.get(member=mobiles[0]).opened_at is not None


def test_completed_action_records_and_credits_hours(published, mobiles):
    assert action_handler("lesson_completed") is lesson_completed
    result = lesson_completed(mobiles[0], target_id=published.pk, data={}, link=None)

    assert published.title in result.description
    assert StudyCredit.objects.filter(member=mobiles[0], source="lesson").count() == 1
    assert lessons_section(mobiles[0], today=timezone.localdate()) == []  # completed: off the page


def test_member_file_panel_shows_the_lessons(client, published, mobiles, secretary_a):
    actions.lesson_open(member=mobiles[0], lesson_id=published.pk)
    client.force_login(secretary_a)

    response = client.get(mobiles[0].get_absolute_url())

    assert 'id="member-lessons"' in response.content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_lesson_list_query_count_does_not_grow_with_lessons(client, tree, secretary_a, published):
    client.force_login(secretary_a)
    url = reverse("education:lessons:lesson_list")
    one = _queries(client, url)
    for title in ("第二课", "第三课"):
        actions.lesson_create(actor=secretary_a, organization=tree.town_a, title=title)

    assert _queries(client, url) == one


def test_lesson_page_renders_for_the_member_and_is_404_for_another(published, mobiles, tree, rf):
    from django.http import Http404
    from django.shortcuts import render

    from tests.factories import make_member

    request = rf.get("/")
    template, context = lesson_page(mobiles[0], target_id=published.pk, link=None, request=request)
    page = render(request, template, context).content.decode()

    assert published.title in page
    assert f"lesson_completed/{published.pk}/" in page
    stranger = make_member(tree.branch_b1, name="肖外人")
    with pytest.raises(Http404):
        lesson_page(stranger, target_id=published.pk, link=None, request=request)


def test_completing_a_lesson_not_sent_is_refused_in_words(published, tree):
    from django.core.exceptions import PermissionDenied

    from tests.factories import make_member

    stranger = make_member(tree.branch_b1, name="肖外人")
    with pytest.raises(PermissionDenied):
        lesson_completed(stranger, target_id=published.pk, data={}, link=None)
