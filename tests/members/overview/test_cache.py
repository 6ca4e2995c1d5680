"""The dashboard's grouped counts are cached per scope and day, and a write invalidates them;
the home page costs the same number of queries however much data the scope holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.overview.registry import figures_for
from services.cases.models import ServiceCase
from tests.factories import make_member, make_record

pytestmark = pytest.mark.django_db


def _count(user, key):
    return next(f for f in figures_for(user, timezone.localdate()) if f.key == key).count


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_a_new_registration_shows_at_once(world, tree, viewer_b):
    assert _count(viewer_b, "categories") == 2
    make_record(make_member(tree.branch_b1, name="新党员"), destination_region_code="510104")

    assert _count(viewer_b, "categories") == 3


def test_a_resolved_request_leaves_the_open_figure(world, viewer_b):
    assert _count(viewer_b, "cases_open") == 1
    world.case_b.status = ServiceCase.Status.RESOLVED
    world.case_b.save(update_fields=["status"])

    assert _count(viewer_b, "cases_open") == 0


def test_a_second_visit_reads_the_cache(client, world, viewer_b):
    client.force_login(viewer_b)
    cold = _queries(client)

    assert _queries(client) < cold


def test_districts_of_one_scope_share_their_cache_entries(client, world, viewer_b, tree):
    from tests.conftest import _persona

    colleague = _persona("czq_2", "城中区组织部二", tree.county_b, "viewer")
    client.force_login(viewer_b)
    warm = _queries(client)
    client.force_login(colleague)

    assert _queries(client) <= warm + 2  # the colleague's session and user only


def test_the_home_page_costs_the_same_queries_for_more_data(client, world, tree, viewer_b):
    from django.core.cache import cache

    client.force_login(viewer_b)
    small = _queries(client)
    for code in ("110101", "510104", "650102", "440305"):
        make_record(make_member(tree.branch_b1), destination_region_code=code)
    cache.clear()
    client.force_login(viewer_b)

    assert _queries(client) == small


def test_a_registration_in_another_district_keeps_the_districts_cache(
    client, world, tree, viewer_b
):
    client.force_login(viewer_b)
    _queries(client)
    warm = _queries(client)
    make_record(make_member(tree.branch_a1, name="城东党员"), destination_region_code="510104")

    assert _queries(client) == warm


def test_the_superuser_sees_a_registration_anywhere(world, tree, superuser):
    before = _count(superuser, "categories")
    make_record(make_member(tree.branch_a1, name="城东党员"), destination_region_code="510104")

    assert _count(superuser, "categories") == before + 1
