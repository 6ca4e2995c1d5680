import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from education.packages import actions
from education.packages.links import RECEIVED, package_received, package_section
from education.packages.models import Shipment
from members.links.registry import action_handler
from tests.education.packages.conftest import shipment_of

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def sent(secretary_a, dispatch, members_a):
    return actions.shipment_send(
        actor=secretary_a,
        shipment=shipment_of(dispatch, members_a[0]),
        courier="中国邮政",
        tracking_number="9800001111",
    )


def test_the_action_is_registered():
    assert action_handler(RECEIVED) is package_received


def test_the_section_offers_confirming_a_sent_parcel(sent):
    (section,) = package_section(sent.member, today=TODAY)
    assert [a.target_id for a in section.items[0].actions] == [sent.pk]


def test_a_parcel_to_pack_is_shown_without_the_button(dispatch, members_a):
    (section,) = package_section(members_a[1], today=TODAY)
    assert section.items[0].actions == ()


def test_confirming_receives_the_parcel(sent):
    result = package_received(sent.member, target_id=sent.pk, data={}, link=None)
    sent.refresh_from_db()
    assert (sent.status, result.target) == (
        Shipment.Status.RECEIVED,
        f"education.shipment:{sent.pk}",
    )


def test_another_members_parcel_is_refused(sent, members_a):
    with pytest.raises(PermissionDenied):
        package_received(members_a[1], target_id=sent.pk, data={}, link=None)


def test_a_parcel_not_yet_sent_cannot_be_confirmed(dispatch, members_a):
    shipment = shipment_of(dispatch, members_a[1])
    with pytest.raises(ValidationError):
        package_received(members_a[1], target_id=shipment.pk, data={}, link=None)


def test_a_received_parcel_leaves_the_section(sent):
    package_received(sent.member, target_id=sent.pk, data={}, link=None)
    assert package_section(sent.member, today=TODAY) == []
