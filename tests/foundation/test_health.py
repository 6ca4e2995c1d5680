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


def test_healthz_answers_503_and_names_the_failing_part(client, monkeypatch):
    from config import health

    def broken():
        raise ConnectionError("refused")

    monkeypatch.setitem(health.CHECKS, "broker", broken)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error: ConnectionError: refused"
    assert response.json()["checks"]["database"] == "ok"
