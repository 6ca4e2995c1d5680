"""The packages' items on the home card: parcels overdue, parcels still to pack."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from education.attention import attention_for
from education.packages import actions
from education.packages.attention import shipments_overdue, shipments_to_pack
from tests.education.packages.conftest import shipment_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)


def _send(secretary, shipment, days_ago):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        actions.shipment_send(
            actor=secretary, shipment=shipment, courier="中国邮政", tracking_number="9876543210123"
        )


@pytest.fixture
def sent(dispatch, secretary_a, members_a):
    """Three weeks ago to the first member, three days ago to the second; one still to pack."""
    _send(secretary_a, shipment_of(dispatch, members_a[0]), days_ago=21)
    _send(secretary_a, shipment_of(dispatch, members_a[1]), days_ago=3)
    return dispatch


def test_overdue_counts_parcels_sent_more_than_two_weeks_ago(sent, secretary_a):
    assert shipments_overdue(secretary_a, timezone.localdate(), 99).count == 1


def test_overdue_leaves_out_received_parcels(sent, secretary_a, members_a):
    actions.shipment_receive(actor=secretary_a, shipment=shipment_of(sent, members_a[0]))

    assert shipments_overdue(secretary_a, timezone.localdate(), 99).count == 0


def test_overdue_counts_for_the_members_branch(sent, officer_a1):
    assert shipments_overdue(officer_a1, timezone.localdate(), 99).count == 1


def test_overdue_counts_nothing_for_another_town(sent, secretary_b):
    assert shipments_overdue(secretary_b, timezone.localdate(), 99).count == 0


def test_to_pack_counts_the_senders_shipments_left(sent, secretary_a):
    assert shipments_to_pack(secretary_a, timezone.localdate(), 99).count == 1


def test_to_pack_counts_nothing_for_another_town(sent, secretary_b):
    assert shipments_to_pack(secretary_b, timezone.localdate(), 99).count == 0


def test_a_reader_gets_no_package_items(sent, viewer_b):
    assert shipments_overdue(viewer_b, timezone.localdate(), 99) is None


def test_a_count_at_the_cap_is_shown_as_is(dispatch, secretary_a):
    item = shipments_to_pack(secretary_a, timezone.localdate(), 3)

    assert item.shown == "3"


def test_the_count_says_cap_plus(dispatch, secretary_a):
    item = shipments_to_pack(secretary_a, timezone.localdate(), 1)

    assert (item.count, item.shown) == (2, "1+")


def test_the_items_link_to_the_dispatch_list(sent, secretary_a):
    items = attention_for(secretary_a, timezone.localdate())

    assert {item.url for item in items} >= {"/education/packages/"}


def test_counting_is_one_query_each(sent, secretary_a, django_assert_num_queries):
    shipments_overdue(secretary_a, timezone.localdate(), 99)

    with django_assert_num_queries(1):
        shipments_overdue(secretary_a, timezone.localdate(), 99)
