"""Each figure of the dashboard counts what the list it links to shows, in the user's scope."""

import pytest
from django.utils import timezone

from members.overview.registry import figures_for
from tests.members.overview.conftest import rows_on

pytestmark = pytest.mark.django_db


def _links(figures):
    for figure in figures:
        if figure.url and not figure.url.startswith("#"):
            yield figure.url, figure.count
        for part in figure.parts:
            if part.url and not part.url.startswith("#"):
                yield part.url, part.count


@pytest.mark.parametrize("persona", ["viewer_b", "secretary_a", "superuser"])
def test_each_linked_count_equals_the_rows_of_its_list(client, world, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    found = list(_links(figures_for(user, timezone.localdate())))

    shown = [(url, rows_on(client, url)) for url, _count in found]

    assert shown == found


def _figure(user, key):
    return next(f for f in figures_for(user, timezone.localdate()) if f.key == key)


def test_the_district_viewer_counts_the_district_only(world, viewer_b):
    # 南滩's two members still away; 城东区's records are counted by 城东区, not here.
    assert _figure(viewer_b, "categories").count == 2


def test_the_inbox_counts_the_registrations_waiting_in_the_district(world, viewer_b):
    assert _figure(viewer_b, "inbox").count == 2


def test_open_requests_of_another_district_are_absent(world, viewer_b):
    assert _figure(viewer_b, "cases_open").count == 1


def test_the_town_counts_its_parcel_on_the_road(world, secretary_a):
    assert _figure(secretary_a, "shipments").count == 1


def test_the_superuser_counts_both_districts(world, superuser):
    assert _figure(superuser, "cases_open").count == 2


def test_the_birthday_figure_counts_the_birthdays_card(client, world, viewer_b):
    client.force_login(viewer_b)
    html = client.get("/").content.decode()
    card = html[html.index('id="political-birthdays"') :]

    assert card.count("data-member=") == _figure(viewer_b, "birthdays").count


def test_a_user_without_organisations_gets_no_dashboard(client, world, outsider):
    client.force_login(outsider)

    assert client.get("/").context["figure_chains"] == []
