"""Digits that are not ASCII (a superscript "²", as a phone keyboard may offer) in a page's
query string or form are ignored or refused in words, never a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ODD = "2²"


@pytest.fixture
def signed_in(client, secretary_a):
    client.force_login(secretary_a)
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/records/?before={ODD}",
        f"/notifications/?before={ODD}",
        f"/members/organizations/?root={ODD}",
        f"/education/plans/?year={ODD}",
        f"/services/cases/new/?member={ODD}",
    ],
)
def test_a_superscript_in_the_query_string_is_ignored(signed_in, url):
    assert signed_in.get(url).status_code == 200


def test_a_superscript_in_the_year_of_an_organisations_overview_is_ignored(signed_in, tree):
    url = reverse("orglife:organization_year", args=[tree.branch_a1.pk])

    assert signed_in.get(f"{url}?year={ODD}").status_code == 200


def test_a_superscript_among_the_ticked_members_of_a_case_is_ignored(signed_in):
    response = signed_in.post("/services/cases/new/", {"members": [ODD], "title": "诉求"})

    assert response.status_code == 200
