"""Input robustness of the API (causes schemathesis found, each pinned by a plain test), the
error answers declared once for every operation, and the schema and docs for signed-in users."""

import datetime
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from members.orglife.actions import activity_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(secretary_a):
    client = APIClient()
    client.force_authenticate(secretary_a)
    return client


@pytest.fixture
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize("year", ["0", "0.0", "-1", "1948", "2101", "99999999999999999999", "²"])
def test_activities_refuse_an_out_of_range_year(api, year):
    response = api.get("/api/v1/activities/", {"year": year})

    assert response.status_code == 400
    assert set(response.data) == {"year"}


def test_activities_filter_by_a_sane_year(api, tree, secretary_a):
    activity_create(
        actor=secretary_a,
        organization=tree.branch_a1,
        kind="theme_day",
        title="主题党日",
        held_at=datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC),
    )

    assert len(api.get("/api/v1/activities/", {"year": "2026"}).data["results"]) == 1
    assert api.get("/api/v1/activities/", {"year": "2025"}).data["results"] == []


@pytest.mark.parametrize("year", ["0", "1800", "3000", "²"])
def test_study_hours_and_subsidies_refuse_an_out_of_range_year(api, member_a1, year):
    hours = api.get("/api/v1/education/hours/", {"member": member_a1.pk, "year": year})
    subsidies = api.get("/api/v1/services/subsidies/", {"year": year})

    assert hours.status_code == 400
    assert subsidies.status_code == 400


@pytest.mark.parametrize(
    "held_at", ["1900-01-01T10:00", "1949-09-30T23:59+08:00", "0312-11-30T22:47:04", "2101-01-01"]
)
def test_activity_refuses_a_date_time_outside_the_sane_range(api, tree, held_at):
    payload = {
        "organization": tree.branch_a1.pk,
        "kind": "theme_day",
        "title": "主题党日",
        "held_at": held_at,
    }

    response = api.post("/api/v1/activities/", payload, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"held_at"}


def test_activity_accepts_the_first_day_and_serves_an_rfc3339_offset(api, tree):
    payload = {
        "organization": tree.branch_a1.pk,
        "kind": "theme_day",
        "title": "主题党日",
        "held_at": "1949-10-01T10:00",
    }

    response = api.post("/api/v1/activities/", payload, format="json")

    assert response.status_code == 201
    assert response.data["held_at"] == "1949-10-01T10:00:00+08:00"


def test_training_class_refuses_a_start_before_1949(api, tree):
    payload = {
        "organization": tree.branch_a1.pk,
        "title": "云课堂",
        "starts_at": "1900-01-01T10:00",
        "duration_minutes": 60,
    }

    response = api.post("/api/v1/education/training-classes/", payload, format="json")

    assert response.status_code == 400
    assert "starts_at" in response.data


@pytest.mark.parametrize("member", ["²", "99999999999999999999999"])
def test_management_lists_ignore_an_odd_member_id(api, member):
    assert api.get("/api/v1/management/contacts/", {"member": member}).status_code == 200


def test_needs_summary_of_an_odd_organisation_is_not_found(api):
    response = api.get(
        "/api/v1/services/needs/rounds/summary/", {"organization": "²", "month": "2026-11"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "name", "value"),
    [
        ("/api/v1/services/stations/", "region", "63010²"),
        ("/api/v1/services/stations/", "region", "\x00"),
        ("/api/v1/services/stations/", "service", "\x00"),
        ("/api/v1/services/subsidies/", "status", "\x00"),
        ("/api/v1/services/subsidies/", "box", "everything"),
    ],
)
def test_lists_refuse_an_undocumented_filter_value(api, url, name, value):
    response = api.get(url, {name: value})

    assert response.status_code == 400
    assert set(response.data) == {name}


def test_warnings_refuse_an_unknown_code(api):
    response = api.get("/api/v1/management/warnings/", {"code": "no-such-warning"})

    assert response.status_code == 400
    assert set(response.data) == {"code"}


def test_study_hours_refuse_a_member_id_that_is_not_a_whole_number(api, member_a1):
    response = api.get("/api/v1/education/hours/", {"member": "0.5"})

    assert response.status_code == 400
    assert set(response.data) == {"member"}


def test_verification_of_a_nul_code_is_not_found(client):
    assert client.get("/verify/%00/").status_code == 404


def test_too_many_form_fields_answer_json_under_the_api(client, secretary_a):
    client.force_login(secretary_a)
    body = "&".join(f"members={i}" for i in range(1200))

    response = client.post(
        "/api/v1/education/package-dispatches/",
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


# --- The schema --------------------------------------------------------------------------


def _response_schema(schema, path, method, code="200"):
    return schema["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"]


def test_warnings_are_documented_as_one_page_object(schema):
    documented = _response_schema(schema, "/api/v1/management/warnings/", "get")

    assert documented == {"$ref": "#/components/schemas/WarningPage"}


def test_attendance_is_documented_as_a_plain_list(schema):
    documented = _response_schema(schema, "/api/v1/activities/{id}/attendance/", "get")

    assert documented["type"] == "array"
    parameters = schema["paths"]["/api/v1/activities/{id}/attendance/"]["get"]["parameters"]
    assert {p["name"] for p in parameters} == {"id"}


def test_every_operation_declares_its_refusals(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403", "429"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in {"post", "patch", "put", "delete"}:
                assert {"400", "409"} <= codes, (method, path)


def test_a_month_is_documented_as_year_and_month(schema):
    month = schema["components"]["schemas"]["Round"]["properties"]["month"]

    assert month["pattern"] == r"^\d{4}-\d{2}$"


def test_blank_choices_are_documented(schema):
    end_reason = schema["components"]["schemas"]["Record"]["properties"]["end_reason"]

    assert {"$ref": "#/components/schemas/BlankEnum"} in end_reason["oneOf"]


# --- The schema and the Swagger page: signed-in users only ----------------------------------


def test_anonymous_callers_get_no_schema(client):
    assert client.get("/api/v1/schema/").status_code == 403


def test_anonymous_callers_are_sent_to_login_from_the_docs(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_signed_in_users_read_the_schema_and_the_docs(client, outsider):
    client.force_login(outsider)

    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200


def test_the_docs_page_has_no_inline_script(client, secretary_a):
    client.force_login(secretary_a)
    html = client.get("/api/v1/docs/").content.decode()

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)


@pytest.mark.parametrize("size", ["0", "-3", "abc", "null", "1.5", "²"])
def test_lists_refuse_a_page_size_that_is_not_a_whole_number_from_one(api, size):
    response = api.get("/api/v1/members/", {"page_size": size})

    assert response.status_code == 400
    assert set(response.data) == {"page_size"}


def test_lists_cap_a_large_page_size(api, member_a1):
    response = api.get("/api/v1/members/", {"page_size": "100000"})

    assert response.status_code == 200
    assert [row["id"] for row in response.data["results"]] == [member_a1.pk]


def test_a_step_sent_as_a_json_list_is_refused_in_words(client, tree, secretary_a, member_a1):
    client.force_login(secretary_a)

    response = client.post(
        f"/api/v1/management/members/{member_a1.pk}/lost-contact/",
        data="[{}]",
        content_type="application/json",
    )

    assert response.status_code == 400
