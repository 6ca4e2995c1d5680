"""No full ID number in any log record, though searches by ID number are GET requests."""

import logging

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.urls import reverse

from config.log_filters import redact_id_numbers
from members.files import crypto

pytestmark = pytest.mark.django_db


@pytest.fixture
def server_log(caplog):
    """Records of runserver's access log, which does not propagate to the root logger."""
    logger = logging.getLogger("django.server")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


def _runserver_logs(path: str) -> None:
    """Log a request line the way runserver does after answering it."""
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    handler.requestline = f"GET {path} HTTP/1.1"
    handler.log_request(200, 5120)


def _messages(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_member_search_by_id_number_leaves_it_in_no_log_record(
    client, secretary_a, member_a1, server_log
):
    id_number = crypto.decrypt(member_a1.id_number_encrypted)
    client.force_login(secretary_a)
    url = f"{reverse('members:member_list')}?q={id_number}"

    with server_log.at_level(logging.DEBUG):
        response = client.get(url)
        client.get(f"/api/v1/members/?q={id_number}")
        _runserver_logs(url)

    assert member_a1.name in response.content.decode()
    assert "GET /members/?q=[ID number] HTTP/1.1" in _messages(server_log)
    assert id_number not in _messages(server_log)


def test_a_not_found_warning_names_no_id_number(client, secretary_a, caplog):
    client.force_login(secretary_a)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/members/51082419990202613X/")

    warnings = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert warnings == ["Not Found: /members/[ID number]/"]
    assert "51082419990202613X" not in _messages(caplog)


def test_the_console_redacts_records_of_any_logger():
    (console,) = [h for h in logging.getLogger().handlers if h.name == "console"]
    record = logging.LogRecord(
        "members.anything",
        logging.ERROR,
        __file__,
        1,
        "No file for %s",
        ("51082419990202613X",),
        None,
    )

    console.filter(record)

    assert record.getMessage() == "No file for [ID number]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("q=51082419990202613X&page=2", "q=[ID number]&page=2"),
        ("q=510824199902026133", "q=[ID number]"),
        ("q=510824990202613", "q=[ID number]"),
        ("q=%2051082419990202613x%20", "q=%20[ID number]%20"),
        (
            "/login/?next=/members/%3Fq%3D51082419990202613X",
            "/login/?next=/members/%3Fq%3D[ID number]",
        ),
        ("q=" + "%EF%BC%95" * 17 + "%EF%BC%B8", "q=[ID number]"),
        ("q=５１０８２４１９９９０２０２６１３Ｘ", "q=[ID number]"),
        ("phone=13812345678", "phone=13812345678"),
        ("tracking=1234567890123456789", "tracking=1234567890123456789"),
        ("q=5108241999", "q=5108241999"),
    ],
)
def test_redaction_finds_15_and_18_character_id_numbers_only(text, expected):
    assert redact_id_numbers(text) == expected
