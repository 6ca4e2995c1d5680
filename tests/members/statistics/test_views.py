"""The page: who may see which subtree, the picker, the year, the merged headers; its queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.members.statistics.conftest import away

pytestmark = pytest.mark.django_db
URL = "/statistics/"


def page(client, user, query=""):
    client.force_login(user)
    return client.get(URL + query)


def test_the_secretary_sees_her_town_by_default(client, world, secretary_a):
    response = page(client, secretary_a)
    assert response.context["organization"] == world.tree.town_a


def test_the_table_shows_the_towns_total(client, world, secretary_a):
    response = page(client, secretary_a)
    assert response.context["table"].lines[0].values[0] == 9


def test_the_viewer_sees_her_county(client, world, viewer_b):
    response = page(client, viewer_b)
    assert response.context["organization"] == world.tree.county_b


def test_the_viewer_may_choose_a_town_of_her_county(client, world, viewer_b):
    response = page(client, viewer_b, f"?organization={world.tree.town_b.pk}")
    assert response.context["organization"] == world.tree.town_b


def test_another_subtree_is_not_found(client, world, secretary_b):
    response = page(client, secretary_b, f"?organization={world.tree.town_a.pk}")
    assert response.status_code == 404


def test_the_receiving_branch_may_not_see_its_town(client, world, receiving_b1):
    response = page(client, receiving_b1, f"?organization={world.tree.town_b.pk}")
    assert response.status_code == 404


def test_a_user_without_a_role_is_told_nothing_exists(client, outsider):
    assert page(client, outsider).status_code == 404


def test_a_malformed_organisation_is_not_found(client, world, secretary_a):
    assert page(client, secretary_a, "?organization=abc").status_code == 404


def test_the_superuser_starts_at_the_root(client, world, superuser):
    response = page(client, superuser)
    assert response.context["organization"] == world.tree.city


def test_the_picker_offers_the_town_and_its_branch(client, world, secretary_a):
    response = page(client, secretary_a)
    offered = [organization for organization, _label in response.context["choices"]]
    assert offered == [world.tree.town_a, world.tree.branch_a1]


def test_an_unlisted_year_is_said_and_the_current_year_shown(client, world, secretary_a):
    response = page(client, secretary_a, "?year=1949")
    assert (response.context["year"], bool(response.context["year_error"])) == (
        timezone.localdate().year,
        True,
    )


def test_the_headers_are_merged_as_on_the_form(client, world, secretary_a):
    html = page(client, secretary_a).content.decode()
    assert '<th colspan="2" rowspan="2" scope="col">' in html


def test_the_occupations_header_spans_the_eight_occupations(client, world, secretary_a):
    html = page(client, secretary_a).content.decode()
    assert '<th colspan="8" scope="colgroup">' in html


def test_the_destination_group_spans_its_seventeen_lines(client, world, secretary_a):
    html = page(client, secretary_a).content.decode()
    assert '<th rowspan="17" scope="rowgroup">' in html


def test_the_page_links_to_the_excel_export(client, world, secretary_a):
    html = page(client, secretary_a).content.decode()
    year = timezone.localdate().year
    assert f"/statistics/export/?organization={world.tree.town_a.pk}&amp;year={year}" in html


def test_the_menu_links_to_the_statistics(client, world, secretary_a):
    client.force_login(secretary_a)
    assert 'href="/statistics/"' in client.get("/").content.decode()


def test_the_menu_hides_the_statistics_from_users_without_a_role(client, outsider):
    client.force_login(outsider)
    assert 'href="/statistics/"' not in client.get("/").content.decode()


def _queries(client, path) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_page_takes_as_many_queries_for_many_members(client, world, secretary_a):
    client.force_login(secretary_a)
    few = _queries(client, URL)
    for occupation in ("farmer", "lawyer", "other"):
        for unit_type in ("village", "state_organ", "unknown"):
            away(world.tree.branch_a1, occupation, unit_type, activity_card_number="QH-9")
    assert _queries(client, URL) == few


def test_a_cold_page_takes_one_query_per_part(client, world, secretary_a):
    """Session and user, the scope, the organisation, the picker, the menu's unread messages;
    the main table and the three supplement parts."""
    client.force_login(secretary_a)
    assert _queries(client, URL) == 10


def test_a_warm_page_reads_no_counts(client, world, secretary_a):
    client.force_login(secretary_a)
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL)
    assert len(captured) == 6
