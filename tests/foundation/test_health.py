import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_broker(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


@pytest.fixture
def broken_broker(monkeypatch):
    from config import health

    def broken():
        raise ConnectionError("refused by redis://cache.internal:6379")

    monkeypatch.setitem(health.CHECKS, "broker", broken)


@pytest.mark.usefixtures("broken_broker")
def test_healthz_answers_503_and_names_the_failing_part(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "cache": "ok", "broker": "error"},
    }


@pytest.mark.usefixtures("broken_broker")
def test_healthz_shows_no_exception_text_even_to_staff(admin_client):
    response = admin_client.get(reverse("healthz"))

    assert "cache.internal" not in response.content.decode()


@pytest.mark.usefixtures("broken_broker")
def test_healthz_logs_the_exception_of_a_failing_check(client, caplog):
    with caplog.at_level(logging.ERROR, logger="config.health"):
        client.get(reverse("healthz"))

    (record,) = [r for r in caplog.records if r.name == "config.health"]
    assert record.getMessage() == "Health check broker failed"
    assert "refused by redis://cache.internal:6379" in caplog.text
