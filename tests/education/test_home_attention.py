"""The home page's card for a village secretary (as 严义萍 of 卡阳村): the town's parcels to her
members still on the road, and the town's lesson her members have not opened."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from education.audience import Audience
from education.lessons import actions as lesson_actions
from education.packages import actions as package_actions
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_secretary(tree):
    from tests.factories import UserFactory, assign

    user = UserFactory(username="kayang", full_name="卡阳村书记")
    assign(user, tree.branch_a1, "secretary")
    return user


@pytest.fixture
def town_work(tree, secretary_a):
    """The town sent a package three weeks ago and published a lesson yesterday."""
    members = [
        make_member(tree.branch_a1, name=name, household_address="卡阳村")
        for name in ("赵甲", "钱乙")
    ]
    package = package_actions.package_create(
        actor=secretary_a, organization=tree.town_a, name="学习礼包", items=[("党章", 1)]
    )
    town = Audience(organization=tree.town_a, mobile_only=False)
    dispatch = package_actions.dispatch_create(
        actor=secretary_a, package=package, title="礼包寄送", audience=town
    )
    with time_machine.travel(timezone.now() - datetime.timedelta(days=21), tick=False):
        package_actions.shipment_send(
            actor=secretary_a,
            shipment=dispatch.shipments.get(member=members[0]),
            courier="中国邮政",
            tracking_number="9876543210123",
        )
    lesson = lesson_actions.lesson_create(actor=secretary_a, organization=tree.town_a, title="课")
    lesson_actions.lesson_publish(actor=secretary_a, lesson=lesson, audience=town)


def _items(client, user):
    client.force_login(user)
    response = client.get("/")
    return [(item.url, item.count) for item in response.context["education_attention"]], response


def test_the_village_secretary_sees_overdue_parcels_and_unopened_lessons(
    client, village_secretary, town_work
):
    items, _response = _items(client, village_secretary)

    assert items == [("/education/packages/", 1), ("/education/lessons/", 1)]


def test_the_items_are_links_on_the_home_page(client, village_secretary, town_work):
    _found, response = _items(client, village_secretary)

    assert 'href="/education/lessons/"' in response.content.decode()


def test_the_town_also_sees_what_it_has_left_to_pack(client, secretary_a, town_work):
    items, _response = _items(client, secretary_a)

    assert items == [("/education/packages/", 1)] * 2 + [("/education/lessons/", 1)]
