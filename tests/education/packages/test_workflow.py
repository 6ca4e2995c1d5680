import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from education.packages import actions
from education.packages.models import Shipment
from education.packages.sms import PACKAGE_SENT
from members.outbox.models import Notification
from members.workflow import TransitionError
from tests.education.packages.conftest import shipment_of

S = Shipment.Status


@pytest.fixture
def shipment(dispatch, members_a):
    return shipment_of(dispatch, members_a[0])


@pytest.fixture
def sent(secretary_a, shipment):
    return actions.shipment_send(
        actor=secretary_a, shipment=shipment, courier="中国邮政", tracking_number="9800001111"
    )


def test_send_marks_the_shipment_sent_with_its_time(sent):
    assert (sent.status, sent.tracking_number, sent.sent_at is not None) == (
        S.SENT,
        "9800001111",
        True,
    )


def test_send_queues_the_sms_naming_courier_and_number(sent):
    message = Notification.objects.get(kind=PACKAGE_SENT, recipient_member=sent.member)
    assert "曹忠海同志：您的学习礼包已由中国邮政寄出，单号9800001111。" in message.text


def test_send_needs_a_tracking_number(secretary_a, shipment):
    with pytest.raises(ValidationError):
        actions.shipment_send(
            actor=secretary_a, shipment=shipment, courier="中国邮政", tracking_number=""
        )


def test_deliver_before_sending_is_refused(secretary_a, shipment):
    with pytest.raises(TransitionError):
        actions.shipment_deliver(actor=secretary_a, shipment=shipment)


def test_deliver_then_receive_on_the_members_word(secretary_a, sent):
    actions.shipment_deliver(actor=secretary_a, shipment=sent)
    received = actions.shipment_receive(actor=secretary_a, shipment=sent)
    assert (received.status, received.received_at is not None) == (S.RECEIVED, True)


def test_return_needs_a_reason(secretary_a, sent):
    with pytest.raises(ValidationError):
        actions.shipment_return(actor=secretary_a, shipment=sent, reason=" ")


def test_resend_takes_the_corrected_address_and_clears_the_number(secretary_a, sent):
    actions.shipment_return(actor=secretary_a, shipment=sent, reason="地址不详")
    again = actions.shipment_resend(
        actor=secretary_a, shipment=sent, address="西宁市城北区朝阳东路5号"
    )
    assert (again.status, again.address, again.tracking_number) == (
        S.TO_PACK,
        "西宁市城北区朝阳东路5号",
        "",
    )


def test_address_stays_once_sent(secretary_a, sent):
    with pytest.raises(ValidationError):
        actions.shipment_update_address(actor=secretary_a, shipment=sent, address="西宁市某路1号")


def test_another_subtree_may_not_step_the_shipment(secretary_b, shipment):
    with pytest.raises(PermissionDenied):
        actions.shipment_deliver(actor=secretary_b, shipment=shipment)


def test_each_step_is_kept_in_the_history(secretary_a, sent):
    actions.shipment_deliver(actor=secretary_a, shipment=sent)
    statuses = list(sent.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == [S.TO_PACK, S.SENT, S.DELIVERED]


def test_a_member_confirms_only_their_own_parcel(dispatch, members_a, sent):
    with pytest.raises(PermissionDenied):
        actions.shipment_receive(actor=None, shipment=sent, member=members_a[1])
