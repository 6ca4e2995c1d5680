"""Pages offer only what their user may do now: the steps come from one function over the
transition table and the sides, and the views refuse what is not offered."""

import pytest
from django.urls import reverse

from members.mobility import actions as records
from members.mobility.models import MobileRecord
from tests.factories import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(tree, member_a1):
    return make_record(member_a1, inflow_organization=tree.town_b)


def _html(client, url) -> str:
    return client.get(url).content.decode()


def test_the_viewer_is_offered_nothing_that_writes(client, waiting, viewer_b):
    client.force_login(viewer_b)

    home = _html(client, reverse("home"))
    inbox = _html(client, reverse("records:inbox"))
    record = client.get(waiting.get_absolute_url())

    assert reverse("orglife:member_message") not in home
    assert waiting.member.name in inbox
    assert "/step/take_in/" not in inbox
    assert reverse("records:register_inflow") not in inbox
    assert record.context["steps"] == []


def test_the_inflow_secretary_is_offered_take_in_in_the_inbox(client, waiting, secretary_b):
    client.force_login(secretary_b)

    inbox = _html(client, reverse("records:inbox"))

    assert reverse("records:step", args=[waiting.pk, "take_in"]) in inbox
    assert reverse("records:register_inflow") in inbox


def test_after_a_return_only_the_outflow_side_edits_resubmits_and_writes_letters(
    client, waiting, secretary_a, secretary_b
):
    returned = records.mobile_record_return(actor=secretary_b, record=waiting, reason="电话不通")
    client.force_login(secretary_b)

    inflow_page = client.get(returned.get_absolute_url())
    inflow_letter = client.get(reverse("records:letter_issue", args=[returned.pk]))

    # Returned, the registration is the outflow side's again: the inflow side no longer sees it.
    assert (inflow_page.status_code, inflow_letter.status_code) == (404, 404)
    assert records.record_steps(secretary_a, returned) == [
        "edit",
        "resubmit",
        "end",
        "letter",
        "co_management",
        "note",
    ]


def test_delete_is_offered_on_a_draft_only(client, tree, member_a1, secretary_a):
    draft = make_record(member_a1, submit=False, inflow_organization=tree.town_b)
    client.force_login(secretary_a)

    draft_page = _html(client, draft.get_absolute_url())
    waiting = records.mobile_record_submit(actor=secretary_a, record=draft)
    waiting_page = _html(client, waiting.get_absolute_url())

    delete_url = reverse("records:step", args=[draft.pk, "delete"])
    assert delete_url in draft_page
    assert delete_url not in waiting_page


def test_a_member_already_away_is_not_offered_a_new_departure(
    client, waiting, member_a1, secretary_a
):
    client.force_login(secretary_a)
    create_url = reverse("records:create", args=[member_a1.pk])

    file_page = _html(client, member_a1.get_absolute_url())
    response = client.get(create_url, follow=True)

    assert create_url not in file_page
    assert response.redirect_chain == [(member_a1.get_absolute_url(), 302)]
    assert "该党员已在外流动" in response.content.decode()
    assert MobileRecord.objects.filter(member=member_a1).count() == 1


def test_a_step_shown_is_a_step_the_action_accepts(waiting, secretary_a, secretary_b):
    for actor in (secretary_a, secretary_b):
        for step in records.record_steps(actor, waiting):
            records.record_step_ensure(actor, waiting, step)  # raises if it would be refused
    assert "take_in" in records.record_steps(secretary_b, waiting)
    assert "take_in" not in records.record_steps(secretary_a, waiting)


def test_after_each_step_the_message_says_what_happened(client, waiting, secretary_b):
    client.force_login(secretary_b)

    response = client.post(
        reverse("records:step", args=[waiting.pk, "return"]), {"reason": "信息有误"}, follow=True
    )

    assert f"已退回流出地：{waiting.member.name}" in response.content.decode()


def test_submitting_without_an_inflow_organisation_says_so(client, member_a1, secretary_a):
    draft = make_record(member_a1, submit=False)
    client.force_login(secretary_a)

    response = client.post(reverse("records:step", args=[draft.pk, "submit"]), follow=True)

    assert f"已登记（暂无流入地党组织）：{member_a1.name}" in response.content.decode()
