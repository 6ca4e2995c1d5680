"""The walk covers the whole project: every URL pattern (the admin's and the API router's
included) and every operation of the OpenAPI schema has a case in the walk's tables, so no
URL can appear without being walked."""

import pytest
from django.urls import URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator

from tests.members.walk.cases import API
from tests.members.walk.table_admin import MODEL_CASES
from tests.members.walk.table_admin_site import SITE_CASES
from tests.members.walk.table_api import OPERATIONS
from tests.members.walk.table_pages import PAGES
from tests.members.walk.table_public import PUBLIC_CASES
from tests.members.walk.test_extra import EXTRA_CASES

pytestmark = pytest.mark.django_db

CASES = [*PAGES, *OPERATIONS, *MODEL_CASES, *SITE_CASES, *PUBLIC_CASES, *EXTRA_CASES]
API_CASES = [*OPERATIONS, *(case for case in EXTRA_CASES if case.kind == API)]


def url_patterns(patterns=None, prefix: str = "") -> set[str]:
    """Every pattern's full route, spelt as ``resolve()`` spells a match's route."""
    routes = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            routes |= url_patterns(pattern.url_patterns, route)
        else:
            routes.add(route)
    return routes


def _join(prefix: str, route: str) -> str:
    return prefix + route.removeprefix("^") if prefix else route


def operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {(method.upper(), path) for path, found in schema["paths"].items() for method in found}


def test_every_url_pattern_is_walked(world, record_property):
    patterns = url_patterns()
    walked = {
        resolve(case.url(world, target).split("?")[0]).route
        for case in CASES
        for target in case.targets
    }
    record_property("walk_patterns", len(patterns))

    assert sorted(patterns - walked) == [], "URL patterns without a case in the walk"
    assert sorted(walked - patterns) == []


def test_every_api_operation_is_walked(record_property):
    found = operations()
    walked = {(method, case.route) for case in API_CASES for method in case.expect}
    paths = {path for _method, path in found}
    record_property("walk_operations", len(found))

    assert sorted(found - walked) == [], "API operations without a case in the walk"
    # Every path is also asked with the methods it does not declare: GET and POST.
    assert sorted({(m, path) for path in paths for m in ("GET", "POST")} - walked) == []
    assert sorted(walked - found - {(m, path) for path in paths for m in ("GET", "POST")}) == []
