"""The receiving branch hosts the members it took in: one rule for actions, lists and admin."""

import datetime

import pytest
from django.urls import reverse

from members.followup import actions as management
from members.followup.models import ContactLog
from members.mobility.models import MobileRecord
from tests.factories import make_member, make_record, make_staff

pytestmark = pytest.mark.django_db


def _contact(actor, member):
    return management.contact_record(
        actor=actor,
        member=member,
        channel="phone",
        contacted_on=datetime.date(2026, 4, 1),
        reached=True,
    )


def test_receiving_branch_records_a_contact_and_then_sees_it(client, mobile_a_in_b, receiving_b1):
    contact = _contact(receiving_b1, mobile_a_in_b)
    client.force_login(receiving_b1)

    listed = client.get("/api/v1/management/contacts/").json()["results"]

    assert contact.side == "inflow"
    assert [row["id"] for row in listed] == [contact.pk]
    assert list(ContactLog.objects.visible_to(receiving_b1)) == [contact]


def test_receiving_branch_sees_its_contacts_in_the_admin(client, mobile_a_in_b, receiving_b1):
    contact = _contact(receiving_b1, mobile_a_in_b)
    client.force_login(make_staff(receiving_b1, "view_contactlog"))

    listing = client.get("/admin/members/contactlog/")
    page = client.get(f"/admin/members/contactlog/{contact.pk}/change/")

    assert list(listing.context["cl"].result_list) == [contact]
    assert page.status_code == 200


def test_hosted_means_taken_in_by_the_branch_or_waiting_at_the_inflow_organisation(tree):
    waiting = make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    draft = make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b, submit=False)
    hosted_by_town = set(MobileRecord.objects.hosted_in([tree.town_b.path]))
    hosted_by_branch = set(MobileRecord.objects.hosted_in([tree.branch_b1.path]))

    assert hosted_by_town == {waiting}
    assert hosted_by_branch == set()
    assert draft.host_organization is None
    assert waiting.host_organization == tree.town_b


def test_management_page_of_a_draft_is_not_the_inflow_sides(client, tree, secretary_b):
    member = make_member(tree.branch_a1)
    make_record(member, inflow_organization=tree.town_b, submit=False)
    client.force_login(secretary_b)

    response = client.get(reverse("management:member", args=[member.pk]))

    assert response.status_code == 404
