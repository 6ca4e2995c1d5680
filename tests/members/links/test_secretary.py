"""The card on the member file: who sees it, who sends and revokes, what the SMS says; and the
same through the API and the admin."""

import pytest

from members.links.actions import link_issue
from members.links.models import MEMBER_LINK, LinkEvent, MemberLink
from members.outbox.models import Notification

pytestmark = pytest.mark.django_db


def _card(client, user, member) -> str:
    client.force_login(user)
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_writer_sees_the_card_with_its_buttons(client, member, secretary_a):
    body = _card(client, secretary_a, member)

    assert 'id="member-links"' in body
    assert f'action="/members/{member.pk}/links/"' in body


def test_a_reader_sees_the_card_without_buttons(client, issued, member, viewer_a):
    body = _card(client, viewer_a, member)

    assert 'id="member-link-list"' in body
    assert f"/members/{member.pk}/links/" not in body


def test_the_card_never_shows_a_link(client, issued, member, secretary_a):
    assert issued.path not in _card(client, secretary_a, member)


def test_the_card_shows_the_members_timeline(client, issued, member, secretary_a):
    LinkEvent.objects.create(
        member=member, link=issued.link, action="x", description="确认收到礼包"
    )

    assert "确认收到礼包" in _card(client, secretary_a, member)


def test_sending_makes_a_link_and_an_sms(client, member, secretary_a):
    client.force_login(secretary_a)

    response = client.post(f"/members/{member.pk}/links/", {"days": "30"})

    assert response.status_code == 302
    link = MemberLink.objects.get()
    sms = Notification.objects.get(kind=MEMBER_LINK)
    assert (sms.recipient_member, sms.channel, sms.sender) == (member, "sms", secretary_a)
    assert sms.occasion == f"link:{link.pk}"


def test_the_sms_carries_the_whole_url_and_the_name(settings, member, secretary_a):
    settings.SITE_URL = "https://dangjian.xining.example.gov.cn"

    issued = link_issue(actor=secretary_a, member=member)

    text = Notification.objects.get(kind=MEMBER_LINK).text
    assert issued.url in text
    assert text.startswith("张善强同志")
    assert "30天内有效" in text


def test_a_member_without_a_phone_is_recorded_as_not_sent(member, secretary_a):
    member.phone = ""
    member.save()

    link_issue(actor=secretary_a, member=member)

    assert Notification.objects.get(kind=MEMBER_LINK).status == Notification.Status.SKIPPED


def test_an_organisations_own_text_without_the_url_still_sends_it(tree, member, secretary_a):
    from members.outbox.models import MessageTemplate

    MessageTemplate.objects.create(
        kind=MEMBER_LINK, organization=tree.town_a, text="{name}同志：请查看"
    )

    issued = link_issue(actor=secretary_a, member=member)

    assert Notification.objects.get(kind=MEMBER_LINK).text == f"张善强同志：请查看 {issued.url}"


def test_another_subtree_cannot_send(client, member, secretary_b):
    client.force_login(secretary_b)

    assert client.post(f"/members/{member.pk}/links/", {"days": "30"}).status_code == 404
    assert not MemberLink.objects.exists()


def test_a_reader_cannot_send(client, member, viewer_a):
    client.force_login(viewer_a)

    assert client.post(f"/members/{member.pk}/links/", {"days": "30"}).status_code == 403
    assert not MemberLink.objects.exists()


def test_a_bad_validity_is_refused_with_a_message(client, member, secretary_a):
    client.force_login(secretary_a)

    response = client.post(f"/members/{member.pk}/links/", {"days": "400"}, follow=True)

    assert not MemberLink.objects.exists()
    assert list(response.context["messages"])


def test_revoking_from_the_card(client, issued, member, secretary_a):
    client.force_login(secretary_a)

    response = client.post(f"/members/{member.pk}/links/{issued.link.pk}/revoke/")

    assert response.status_code == 302
    assert MemberLink.objects.get().revoked_by == secretary_a


def test_a_reader_cannot_revoke(client, issued, member, viewer_a):
    client.force_login(viewer_a)

    assert client.post(f"/members/{member.pk}/links/{issued.link.pk}/revoke/").status_code == 403
    assert MemberLink.objects.get().revoked_at is None


# --- API ------------------------------------------------------------------------------------


def test_the_api_lists_the_links_without_addresses(client, issued, member, secretary_a):
    client.force_login(secretary_a)

    response = client.get(f"/api/v1/members/{member.pk}/links/")

    assert [row["id"] for row in response.json()["results"]] == [issued.link.pk]
    assert "/m/" not in response.content.decode()


def test_the_api_sends_a_link(client, member, secretary_a):
    client.force_login(secretary_a)

    response = client.post(
        f"/api/v1/members/{member.pk}/links/", {"days": 7}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["sms_status"] is not None
    assert "/m/" not in response.content.decode()


def test_the_api_revokes_a_link(client, issued, member, secretary_a):
    client.force_login(secretary_a)

    response = client.post(f"/api/v1/members/{member.pk}/links/{issued.link.pk}/revoke/")

    assert response.status_code == 200
    assert response.json()["usable"] is False


def test_the_api_hides_other_subtrees(client, issued, member, secretary_b):
    client.force_login(secretary_b)

    assert client.get(f"/api/v1/members/{member.pk}/links/").status_code == 404


def test_the_api_refuses_a_reader(client, issued, member, viewer_a):
    client.force_login(viewer_a)

    response = client.post(f"/api/v1/members/{member.pk}/links/{issued.link.pk}/revoke/")

    assert response.status_code == 403
    assert MemberLink.objects.get().revoked_at is None


# --- Admin ----------------------------------------------------------------------------------


def test_the_admin_revokes_through_the_action(client, issued, member, secretary_a):
    from tests.factories import make_staff

    client.force_login(make_staff(secretary_a))

    client.post(
        "/admin/members/memberlink/",
        {"action": "revoke", "_selected_action": [issued.link.pk]},
    )

    assert MemberLink.objects.get().revoked_by == secretary_a


def test_the_admin_lists_only_links_in_scope(client, issued, secretary_b):
    from tests.factories import make_staff

    client.force_login(make_staff(secretary_b))

    response = client.get("/admin/members/memberlink/")

    assert "张善强" not in response.content.decode()
