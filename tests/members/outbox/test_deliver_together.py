"""A mass send's batch: delivered under one lock and one commit, each row's outcome kept."""

import pytest

from members.outbox.channels import DeliveryError, SmsBackend
from members.outbox.delivery import notifications_deliver_together
from members.outbox.models import Notification
from tests.factories import make_member

pytestmark = pytest.mark.django_db


class FlakyBackend(SmsBackend):
    """Refuses the phones ending in 1 (for now), takes the others."""

    def send_sms(self, phone: str, text: str) -> None:
        if phone.endswith("1"):
            raise DeliveryError("busy")


@pytest.fixture
def batch(tree, settings):
    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": f"{__name__}.FlakyBackend",
    }
    phones = ["13700000001", "13700000002", "13700000003"]
    rows = [
        Notification.objects.create(
            kind="notice",
            channel="sms",
            recipient_member=make_member(tree.branch_a1, phone=phone),
            occasion="mass",
            text="通知",
        )
        for phone in phones
    ]
    return [row.pk for row in rows]


def test_each_row_keeps_its_outcome_and_the_transient_one_is_retried(batch):
    report = notifications_deliver_together(ids=batch)

    assert report.as_dict() == {"sent": 2, "skipped": 0, "failed": 0}
    assert report.retry_ids == [batch[0]]
    first = Notification.objects.get(pk=batch[0])
    assert (first.status, first.attempts, first.last_error) == ("pending", 1, "busy")
    assert Notification.objects.get(pk=batch[1]).sent_at is not None


def test_a_second_delivery_of_the_batch_sends_nothing_again(batch):
    notifications_deliver_together(ids=batch)
    again = notifications_deliver_together(ids=batch[1:])

    assert again.as_dict() == {"sent": 0, "skipped": 0, "failed": 0}
