"""Delivery backends, one per channel, chosen in settings (``NOTIFICATION_BACKENDS``).

A backend's ``send(notification)`` returns when the message is handed over, raises
``Undeliverable`` when it can never be delivered (no phone on file) and ``DeliveryError`` when
delivery failed; ``DeliveryError(permanent=False)`` is retried with backoff.
"""

import datetime
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from members.outbox.models import Notification


class DeliveryError(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class Undeliverable(Exception):
    """The recipient cannot receive on this channel; recorded as the reason, never retried."""


def backend_for(channel: str):
    return import_string(settings.NOTIFICATION_BACKENDS[channel])()


class InboxBackend:
    """The row itself is the in-app message; delivering it only marks it sent."""

    def send(self, notification: Notification) -> None:
        if notification.recipient_user_id is None:
            raise Undeliverable(_("Only users have an in-app inbox."))


class EmailBackend:
    """E-mail to users through Django's configured e-mail backend."""

    def send(self, notification: Notification) -> None:
        user = notification.recipient_user
        if user is None or not user.email:
            raise Undeliverable(_("No e-mail address on file."))
        subject = notification.kind_label
        try:
            send_mail(subject, notification.text, None, [user.email])
        except OSError as exc:
            raise DeliveryError(str(exc)) from exc


class SmsBackend:
    """SMS to members: subclasses implement ``send_sms``."""

    def send(self, notification: Notification) -> None:
        member = notification.recipient_member
        if member is None or not member.phone:
            raise Undeliverable(_("No mobile phone number on file."))
        self.send_sms(member.phone, notification.text)

    def send_sms(self, phone: str, text: str) -> None:
        raise NotImplementedError


class FileSmsBackend(SmsBackend):
    """Development backend: one JSON line per message in ``SMS_FILE_PATH/messages.jsonl``."""

    def send_sms(self, phone: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"phone": phone, "text": text, "at": timezone.now().isoformat(), "pid": os.getpid()},
            ensure_ascii=False,
        )
        # One write() of one line on an O_APPEND file: safe with several worker processes.
        with open(folder / "messages.jsonl", "a", encoding="utf-8") as out:
            out.write(line + "\n")


class TencentSmsBackend(SmsBackend):
    """Tencent Cloud SMS (API 3.0, ``SendSms`` 2021-01-11) signed with TC3-HMAC-SHA256.

    Mainland providers send only pre-approved templates, so the rendered text goes into the
    single parameter of one approved template (``SMS_TENCENT_TEMPLATE_ID``).
    """

    action, version, service = "SendSms", "2021-01-11", "sms"
    # Provider codes that retrying cannot fix.
    permanent_prefixes = ("InvalidParameter", "UnauthorizedOperation", "AuthFailure")
    permanent_codes = (
        "FailedOperation.PhoneNumberInBlacklist",
        "FailedOperation.TemplateIncorrect",
    )

    def __init__(self, config: dict | None = None):
        self.config = config or settings.SMS_TENCENT

    def send_sms(self, phone: str, text: str) -> None:
        payload = self._payload(phone, text)
        try:
            reply = self._post(payload, int(time.time()))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise DeliveryError(f"SMS provider unreachable: {exc}") from exc
        self._check(reply.get("Response", {}))

    def _payload(self, phone: str, text: str) -> bytes:
        body = {
            "PhoneNumberSet": [f"+86{phone}"],
            "SmsSdkAppId": self.config["sdk_app_id"],
            "TemplateId": self.config["template_id"],
            "TemplateParamSet": [text],
        }
        if self.config.get("sign_name"):
            body["SignName"] = self.config["sign_name"]
        return json.dumps(body, ensure_ascii=False).encode()

    def _post(self, payload: bytes, timestamp: int) -> dict:
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-TC-Action": self.action,
            "X-TC-Version": self.version,
            "X-TC-Region": self.config["region"],
            "X-TC-Timestamp": str(timestamp),
        }
        headers["Authorization"] = tc3_authorization(
            secret_id=self.config["secret_id"],
            secret_key=self.config["secret_key"],
            host=urlsplit(self.config["endpoint"]).netloc,
            action=self.action,
            payload=payload,
            timestamp=timestamp,
            service=self.service,
        )
        request = urllib.request.Request(self.config["endpoint"], payload, headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.config["timeout"]) as response:
            return json.loads(response.read().decode())

    def _check(self, response: dict) -> None:
        if error := response.get("Error"):
            code = error.get("Code", "")
            raise DeliveryError(f"{code}: {error.get('Message', '')}", permanent=self._fatal(code))
        for status in response.get("SendStatusSet", []):
            code = status.get("Code", "")
            if code != "Ok":
                message = f"{code}: {status.get('Message', '')}"
                raise DeliveryError(message, permanent=self._fatal(code))

    def _fatal(self, code: str) -> bool:
        return code in self.permanent_codes or code.startswith(self.permanent_prefixes)


def tc3_authorization(
    *,
    secret_id: str,
    secret_key: str,
    host: str,
    action: str,
    payload: bytes,
    timestamp: int,
    service: str,
) -> str:
    """Return the ``Authorization`` header of Tencent Cloud API 3.0 (TC3-HMAC-SHA256)."""
    day = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC).strftime("%Y-%m-%d")
    signed_headers = "content-type;host;x-tc-action"
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            "content-type:application/json; charset=utf-8\n"
            f"host:{host}\nx-tc-action:{action.lower()}\n",
            signed_headers,
            hashlib.sha256(payload).hexdigest(),
        ]
    )
    scope = f"{day}/{service}/tc3_request"
    string_to_sign = "\n".join(
        ["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = f"TC3{secret_key}".encode()
    for part in (day, service, "tc3_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return (
        f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )
