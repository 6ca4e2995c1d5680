"""Malformed input to any admin page is the client's error, never a server error: a version id
that is not a number is a 404, a NUL character in a changelist's query a 400 (PostgreSQL
refuses NUL in a string literal: "A string literal cannot contain NUL"). Run on PostgreSQL too:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanlian_sec-roles."""

import pytest

from tests.factories import make_external_organization, make_record, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_a(client, secretary_a):
    client.force_login(make_staff(secretary_a))
    return client


def test_a_version_id_that_is_not_a_number_is_404(staff_a, member_a1):
    record = make_record(member_a1)

    response = staff_a.get(f"/admin/members/mobilerecord/{record.pk}/history/abc/")

    assert response.status_code == 404


def test_a_version_id_that_is_not_a_number_is_404_on_the_shared_reference_data(staff_a):
    external = make_external_organization()

    response = staff_a.get(f"/admin/members/externalorganization/{external.pk}/history/abc/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "query", ["?status__exact=%00", "?q=%00", "?q=ok&status__exact=a%00b", "?%00=1"]
)
def test_a_nul_in_a_changelist_query_is_400(staff_a, member_a1, query):
    make_record(member_a1)

    response = staff_a.get(f"/admin/members/mobilerecord/{query}")

    assert response.status_code == 400


def test_a_nul_in_a_changelist_filter_is_400_for_every_admin(client, superuser):
    client.force_login(superuser)

    responses = [
        client.get(f"{url}?q=%00")
        for url in (
            "/admin/members/externalorganization/",
            "/admin/members/user/",
            "/admin/education/shipment/",
            "/admin/services/servicecase/",
        )
    ]

    assert [r.status_code for r in responses] == [400, 400, 400, 400]


def test_a_nul_in_an_autocomplete_search_finds_nothing(staff_a, tree):
    response = staff_a.get(
        "/admin/autocomplete/",
        {
            "term": "大街\x00",
            "app_label": "members",
            "model_name": "member",
            "field_name": "organization",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_plain_filter_still_works(staff_a, member_a1):
    record = make_record(member_a1)

    response = staff_a.get(f"/admin/members/mobilerecord/?status__exact={record.status}")

    assert list(response.context["cl"].result_list) == [record]
