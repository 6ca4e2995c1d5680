"""The member's phone page through a link: only the member's own name and items, private
answers, one plain page for every bad token, counted requests, actions on the timeline."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.links import views
from members.links.actions import link_revoke
from members.links.models import LinkEvent, MemberLink
from members.links.registry import ActionResult, Item, ItemAction, Section

pytestmark = pytest.mark.django_db


def _bad_paths(issued, secretary_a) -> dict:
    return {"tampered": issued.path[:-3] + "xx/", "unknown": "/m/1.abc.def/"}


def test_the_page_greets_the_member_by_name(client, issued):
    response = client.get(issued.path)

    assert response.status_code == 200
    assert "张善强" in response.content.decode()


def test_the_page_shows_nothing_of_other_members(client, issued, other_member):
    body = client.get(issued.path).content.decode()

    assert "王秀玲" not in body
    assert other_member.phone not in body


def test_the_page_shows_nothing_of_the_member_file(client, issued, member):
    body = client.get(issued.path).content.decode()

    assert member.phone not in body
    assert member.organization.name not in body


def test_the_page_has_no_menu_of_the_secretaries_site(client, issued):
    body = client.get(issued.path).content.decode()

    assert 'class="topbar"' not in body
    assert 'class="member-page"' in body


def test_the_answer_is_private(client, issued):
    response = client.get(issued.path)

    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.parametrize(("kind", "status"), [("tampered", 404), ("unknown", 404)])
def test_a_bad_token_gets_the_plain_page(client, issued, secretary_a, kind, status):
    response = client.get(_bad_paths(issued, secretary_a)[kind])

    assert response.status_code == status
    assert "张善强" not in response.content.decode()
    assert 'class="card invalid-link"' in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_revoked_link_is_gone(client, issued, secretary_a):
    link_revoke(actor=secretary_a, link=issued.link)

    response = client.get(issued.path)

    assert response.status_code == 410
    assert "张善强" not in response.content.decode()


def test_an_expired_link_is_gone(client, issued):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = client.get(issued.path)

    assert response.status_code == 410
    assert "张善强" not in response.content.decode()


def test_bad_tokens_all_read_the_same(client, issued, secretary_a):
    bodies = {client.get(path).content for path in _bad_paths(issued, secretary_a).values()}
    link_revoke(actor=secretary_a, link=issued.link)
    bodies.add(client.get(issued.path).content)

    assert len(bodies) == 1


def test_an_opening_is_noted_once_a_minute(client, issued, django_assert_num_queries):
    client.get(issued.path)
    first = MemberLink.objects.get().last_used_at
    client.get(issued.path)

    assert first is not None
    assert MemberLink.objects.get().last_used_at == first


def test_an_opening_after_a_minute_is_noted_again(client, issued):
    client.get(issued.path)
    first = MemberLink.objects.get().last_used_at
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        client.get(issued.path)

    assert MemberLink.objects.get().last_used_at > first


def test_too_many_openings_of_one_link_are_refused(client, issued, monkeypatch):
    monkeypatch.setattr(views, "PER_LINK_RATE", "2/m")

    statuses = [client.get(issued.path).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_too_many_bad_tokens_from_one_client_are_refused(client, issued, monkeypatch):
    monkeypatch.setattr(views, "INVALID_RATE", "2/m")
    statuses = [client.get(f"/m/{n}.x.y/").status_code for n in range(3)]

    assert statuses == [404, 404, 429]
    # Counted out, the client cannot open even a good link for a while.
    assert client.get(issued.path).status_code == 429


def test_too_many_requests_from_one_client_are_refused(client, issued, monkeypatch):
    monkeypatch.setattr(views, "CLIENT_RATE", "2/m")

    statuses = [client.get(issued.path).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


# --- Actions through the link --------------------------------------------------------------


@pytest.fixture
def echo(scratch_registry):
    """A registered action that answers for the member's own ids (1) and refuses others."""
    done = []

    @scratch_registry.link_action("echo")
    def handler(member, *, target_id, data, link):
        if target_id != 1:
            raise ValidationError("不是您的")
        done.append((member.pk, data))
        return ActionResult(message="已收到", description="确认收到学习礼包", target="x.y:1")

    @scratch_registry.section_provider
    def provider(member, *, today):
        action = ItemAction("echo", "确认收到", 1)
        return [Section("学习礼包", (Item("2026年学习礼包", actions=(action,)),))]

    return done


def _do(client, issued, name="echo", target=1, **data):
    return client.post(f"{issued.path}do/{name}/{target}/", data)


def test_the_page_shows_registered_items_with_their_buttons(client, issued, echo):
    body = client.get(issued.path).content.decode()

    assert "2026年学习礼包" in body
    assert f'action="{issued.path}do/echo/1/"' in body


def test_an_action_calls_its_handler_and_goes_on_the_timeline(client, issued, member, echo):
    response = _do(client, issued, note="收到了")

    assert response.status_code == 302
    assert response["Location"] == issued.path
    assert echo == [(member.pk, {"note": "收到了"})]
    event = LinkEvent.objects.get()
    assert (event.member, event.link, event.action) == (member, issued.link, "echo")
    assert event.description == "确认收到学习礼包"


def test_the_member_reads_the_handlers_message(client, issued, echo):
    response = client.get(_do(client, issued)["Location"])

    assert "已收到" in response.content.decode()


def test_a_refused_action_changes_nothing_and_says_why(client, issued, echo):
    response = _do(client, issued, target=2)

    assert response.status_code == 302
    assert not LinkEvent.objects.exists()
    assert "不是您的" in client.get(issued.path).content.decode()


def test_an_unknown_action_is_not_found(client, issued, echo):
    assert _do(client, issued, name="nothing").status_code == 404
    assert not LinkEvent.objects.exists()


def test_an_action_through_a_revoked_link_is_refused(client, issued, secretary_a, echo):
    link_revoke(actor=secretary_a, link=issued.link)

    assert _do(client, issued).status_code == 410
    assert echo == []


def test_an_action_needs_a_post(client, issued, echo):
    assert client.get(f"{issued.path}do/echo/1/").status_code == 405


def test_an_action_needs_the_csrf_token(issued, echo):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"{issued.path}do/echo/1/")

    assert response.status_code == 403
    assert echo == []


# --- Pages through the link ----------------------------------------------------------------


def test_a_registered_page_is_shown_through_the_link(client, issued, member, scratch_registry):
    @scratch_registry.link_page("scratch")
    def lesson(member_seen, *, target_id, link, request):
        return "members/links/home.html", {"sections": [Section(f"课程{target_id}")]}

    response = client.get(f"{issued.path}scratch/7/")

    assert response.status_code == 200
    assert "课程7" in response.content.decode()
    assert response.context["home_url"] == issued.path


def test_an_unknown_page_is_not_found(client, issued, scratch_registry):
    assert client.get(f"{issued.path}nothing/7/").status_code == 404


def test_a_page_through_a_bad_token_is_the_plain_page(client, issued, scratch_registry):
    response = client.get("/m/1.x.y/lesson/7/")

    assert response.status_code == 404
    assert 'class="card invalid-link"' in response.content.decode()
