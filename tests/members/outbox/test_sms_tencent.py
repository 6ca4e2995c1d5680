"""The Tencent Cloud SMS adapter against a fake provider on 127.0.0.1 (never the internet)."""

import hashlib
import hmac
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from members.outbox.channels import DeliveryError, TencentSmsBackend
from tests.environment import clean_environment

SECRET_ID, SECRET_KEY = "AKIDtest", "secret-key-for-tests"


class FakeTencent(BaseHTTPRequestHandler):
    """Checks the TC3 signature the way the provider documents it, then answers as told."""

    reply: dict = {}
    requests: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.requests.append(
            {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": json.loads(body)}
        )
        if not self._signature_ok(body):
            answer = {
                "Response": {
                    "Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad signature"}
                }
            }
        else:
            answer = self.reply
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _signature_ok(self, body: bytes) -> bool:
        auth = self.headers["Authorization"]
        credential = auth.split("Credential=")[1].split(",")[0]
        secret_id, day, service, _ = credential.split("/")
        canonical = (
            f"POST\n/\n\ncontent-type:{self.headers['Content-Type']}\nhost:{self.headers['Host']}\n"
            f"x-tc-action:{self.headers['X-TC-Action'].lower()}\n\ncontent-type;host;x-tc-action\n"
            + hashlib.sha256(body).hexdigest()
        )
        to_sign = (
            f"TC3-HMAC-SHA256\n{self.headers['X-TC-Timestamp']}\n{day}/{service}/tc3_request\n"
            + hashlib.sha256(canonical.encode()).hexdigest()
        )
        k_date = hmac.new(f"TC3{SECRET_KEY}".encode(), day.encode(), hashlib.sha256).digest()
        k_service = hmac.new(k_date, service.encode(), hashlib.sha256).digest()
        k_signing = hmac.new(k_service, b"tc3_request", hashlib.sha256).digest()
        expected = hmac.new(k_signing, to_sign.encode(), hashlib.sha256).hexdigest()
        return secret_id == SECRET_ID and auth.endswith(f"Signature={expected}")

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    FakeTencent.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTencent)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def backend(server, secret_key=SECRET_KEY) -> TencentSmsBackend:
    host, port = server.server_address
    return TencentSmsBackend(
        {
            "endpoint": f"http://{host}:{port}/",
            "region": "ap-guangzhou",
            "secret_id": SECRET_ID,
            "secret_key": secret_key,
            "sdk_app_id": "1400000001",
            "sign_name": "西宁党建",
            "template_id": "2000001",
            "timeout": 5,
        }
    )


def ok(phone: str) -> dict:
    status = {"Code": "Ok", "Message": "send success", "PhoneNumber": phone, "SerialNo": "1"}
    return {"Response": {"SendStatusSet": [status], "RequestId": "r1"}}


def test_sends_a_signed_request_with_the_text_as_template_parameter(provider):
    FakeTencent.reply = ok("+8613800000001")

    backend(provider).send_sms("13800000001", "王秀玲同志：今天是你入党第12个年头")

    [request] = FakeTencent.requests
    assert request["headers"]["x-tc-action"] == "SendSms"
    assert request["headers"]["x-tc-version"] == "2021-01-11"
    assert request["body"] == {
        "PhoneNumberSet": ["+8613800000001"],
        "SmsSdkAppId": "1400000001",
        "TemplateId": "2000001",
        "TemplateParamSet": ["王秀玲同志：今天是你入党第12个年头"],
        "SignName": "西宁党建",
    }


def test_a_wrong_key_is_a_permanent_failure(provider):
    with pytest.raises(DeliveryError) as error:
        backend(provider, secret_key="wrong").send_sms("13800000001", "hi")

    assert error.value.permanent
    assert "AuthFailure.SignatureFailure" in str(error.value)


def test_provider_rate_limit_is_retried_and_a_blacklisted_number_is_not(provider):
    status = {"Code": "LimitExceeded.PhoneNumberThirtySecondLimit", "Message": "too often"}
    FakeTencent.reply = {"Response": {"SendStatusSet": [status], "RequestId": "r2"}}
    with pytest.raises(DeliveryError) as limited:
        backend(provider).send_sms("13800000001", "hi")
    FakeTencent.reply = {
        "Response": {
            "SendStatusSet": [
                {"Code": "FailedOperation.PhoneNumberInBlacklist", "Message": "blacklisted"}
            ]
        }
    }
    with pytest.raises(DeliveryError) as blacklisted:
        backend(provider).send_sms("13800000001", "hi")

    assert not limited.value.permanent
    assert blacklisted.value.permanent


def test_an_unreachable_provider_is_a_transient_failure(provider):
    unreachable = backend(provider)
    provider.shutdown()
    provider.server_close()

    with pytest.raises(DeliveryError) as error:
        unreachable.send_sms("13800000001", "hi")

    assert not error.value.permanent


def test_tencent_backend_without_keys_stops_start_up():
    env = clean_environment(SMS_BACKEND="tencent", SMS_TENCENT_SECRET_ID="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "SMS_BACKEND=tencent needs SMS_TENCENT_SECRET_ID" in result.stderr
