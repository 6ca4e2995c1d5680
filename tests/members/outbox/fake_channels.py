"""Backends for tests; importable by a worker process too (it runs from the project folder)."""

from members.outbox.channels import DeliveryError, SmsBackend


class FailingSmsBackend(SmsBackend):
    """A provider that is always down."""

    def send_sms(self, phone: str, text: str) -> None:
        raise DeliveryError("gateway timeout (fake provider)")
