"""A member's management page offers only the steps its user may take now, in plain words."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from members.followup import actions as management

pytestmark = pytest.mark.django_db
D = datetime.date


def _page(client, member) -> str:
    return client.get(reverse("management:member", args=[member.pk])).content.decode()


def _form_url(member, step) -> str:
    return reverse("management:member_form", args=[member.pk, step])


def test_the_inflow_side_is_not_offered_the_dues_rate(client, away, secretary_a, secretary_b):
    member = away.member
    client.force_login(secretary_b)

    page = _page(client, member)
    refused = client.get(_form_url(member, "dues-rate"))

    assert _form_url(member, "dues-payment") in page
    assert _form_url(member, "dues-rate") not in page
    assert refused.status_code == 403
    assert "dues-rate" in management.management_steps(secretary_a, member)


def test_lost_contact_is_offered_to_mark_or_to_clear_as_the_member_stands(
    client, away, secretary_a
):
    member = away.member
    client.force_login(secretary_a)
    before = _page(client, member)

    management.lost_contact_mark(actor=secretary_a, member=member, marked_on=D(2026, 3, 10))
    after = _page(client, member)
    again = client.get(_form_url(member, "lost-contact"), follow=True)

    assert _form_url(member, "lost-contact") in before
    assert _form_url(member, "contact-regained") not in before
    assert _form_url(member, "lost-contact") not in after
    assert _form_url(member, "contact-regained") in after
    assert again.redirect_chain == [(reverse("management:member", args=[member.pk]), 302)]
    assert "该党员已标记为失联" in again.content.decode()


def test_dues_show_yuan_and_contacts_use_the_form_s_words(client, away, secretary_a):
    member = away.member
    management.dues_rate_set(
        actor=secretary_a, member=member, amount=Decimal("0.20"), since=D(2026, 1, 1)
    )
    management.contact_record(
        actor=secretary_a, member=member, channel="phone", contacted_on=D(2026, 3, 9), reached=False
    )
    client.force_login(secretary_a)

    page = _page(client, member)
    form = client.get(_form_url(member, "contact")).content.decode()

    assert "0.20 元" in page
    assert "未联系上" in page
    assert "联系上了" in form
    assert "未联系上" in form
