"""The API: rounds with counters, opening, the summary, rows and their steps."""

import pytest
from rest_framework.test import APIClient

from services.needs.models import NeedsRound
from tests.services.needs.conftest import MONTH

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def round_b1(opened, tree):
    return NeedsRound.objects.get(organization=tree.branch_b1)


def test_rounds_with_counters(round_b1, secretary_b):
    answer = api(secretary_b).get("/api/v1/services/needs/rounds/?month=2026-11")
    rows = answer.json()["results"]
    assert [(r["organization"], r["members_count"]) for r in rows] == [
        (round_b1.organization_id, 2)
    ]


def test_open_rounds(tree, secretary_b, away_b):
    answer = api(secretary_b).post(
        "/api/v1/services/needs/rounds/open/",
        {"organization": tree.town_b.pk, "month": "2026-11"},
        format="json",
    )
    assert (answer.status_code, answer.json()) == (200, {"rounds": 1, "entries": 1})


def test_a_viewer_opens_nothing(tree, viewer_b, away_b):
    answer = api(viewer_b).post(
        "/api/v1/services/needs/rounds/open/",
        {"organization": tree.county_b.pk, "month": "2026-11"},
        format="json",
    )
    assert answer.status_code == 403


def test_bad_month_names_the_field(tree, secretary_b):
    answer = api(secretary_b).post(
        "/api/v1/services/needs/rounds/open/",
        {"organization": tree.town_b.pk, "month": "November"},
        format="json",
    )
    assert (answer.status_code, list(answer.json())) == (400, ["month"])


def test_entries_of_a_round(round_b1, secretary_b):
    answer = api(secretary_b).get(f"/api/v1/services/needs/entries/?round={round_b1.pk}")
    assert sorted(r["member_name"] for r in answer.json()["results"]) == ["李建军", "马外出"]


def test_fill_and_case(round_b1, secretary_b):
    entry = round_b1.entries.get(member__name="马外出")
    client = api(secretary_b)
    client.post(
        f"/api/v1/services/needs/entries/{entry.pk}/fill/",
        {"outcome": "needs", "method": "phone", "needs": "孩子入学", "category": "children"},
        format="json",
    )
    answer = client.post(f"/api/v1/services/needs/entries/{entry.pk}/case/")
    round_b1.refresh_from_db()
    assert (answer.json()["case"] is not None, round_b1.needs_count, round_b1.cases_count) == (
        True,
        1,
        1,
    )


def test_fill_errors_name_the_field(round_b1, secretary_b):
    entry = round_b1.entries.get(member__name="马外出")
    answer = api(secretary_b).post(
        f"/api/v1/services/needs/entries/{entry.pk}/fill/",
        {"outcome": "needs", "method": "phone"},
        format="json",
    )
    assert (answer.status_code, sorted(answer.json())) == (400, ["category", "needs"])


def test_viewer_fill_is_403(round_b1, viewer_b):
    entry = round_b1.entries.get(member__name="马外出")
    answer = api(viewer_b).post(
        f"/api/v1/services/needs/entries/{entry.pk}/fill/", {"outcome": "no_needs"}, format="json"
    )
    assert answer.status_code == 403


def test_outsider_fill_is_404(round_b1, secretary_a):
    entry = round_b1.entries.get(member__name="马外出")
    answer = api(secretary_a).post(
        f"/api/v1/services/needs/entries/{entry.pk}/fill/", {"outcome": "no_needs"}, format="json"
    )
    assert answer.status_code == 404


def test_summary(round_b1, tree, viewer_b):
    answer = api(viewer_b).get(
        f"/api/v1/services/needs/rounds/summary/?month=2026-11&organization={tree.county_b.pk}"
    )
    body = answer.json()
    assert (body["members"], body["asked"], body["percent_done"]) == (2, 0, 0)


def test_summary_outside_is_404(round_b1, tree, viewer_b):
    answer = api(viewer_b).get(
        f"/api/v1/services/needs/rounds/summary/?month=2026-11&organization={tree.town_a.pk}"
    )
    assert answer.status_code == 404


def test_in_the_schema(secretary_b, db):
    schema = api(secretary_b).get("/api/v1/schema/").content.decode()
    assert all(
        path in schema
        for path in (
            "/api/v1/services/needs/rounds/open/",
            "/api/v1/services/needs/rounds/summary/",
            "/api/v1/services/needs/entries/{id}/fill/",
        )
    )


def test_month_is_a_first_day():
    assert MONTH.day == 1
