"""The parcel's SMS: ``{courier}`` and ``{tracking}`` are placeholders like the others, so an
administrator's template for the kind may use them."""

import pytest

from education.packages import actions
from education.packages.sms import PACKAGE_SENT
from members.outbox.models import MessageTemplate, Notification
from members.outbox.texts import message_text_check
from tests.education.packages.conftest import shipment_of

pytestmark = pytest.mark.django_db


def _send(secretary, dispatch, member):
    actions.shipment_send(
        actor=secretary,
        shipment=shipment_of(dispatch, member),
        courier="中国邮政",
        tracking_number="9800001111",
    )
    return Notification.objects.get(kind=PACKAGE_SENT, recipient_member=member).text


def test_a_template_with_courier_and_tracking_passes_the_check():
    assert message_text_check("{name}同志：礼包已由{courier}寄出，单号{tracking}。") is None


def test_an_organisations_template_fills_courier_and_tracking(
    tree, secretary_a, dispatch, members_a
):
    MessageTemplate.objects.create(
        kind=PACKAGE_SENT, organization=tree.branch_a1, text="{name}：{courier}，{tracking}"
    )

    assert _send(secretary_a, dispatch, members_a[0]) == "曹忠海：中国邮政，9800001111"


def test_the_default_text_fills_them_too(secretary_a, dispatch, members_a):
    text = _send(secretary_a, dispatch, members_a[0])

    assert "已由中国邮政寄出，单号9800001111。" in text
