"""schemathesis over every operation of ``/api/v1/schema/``, in-process through the WSGI app.

Signed in as 马慧艳, secretary of 大街街道 in the permission walk's world (organisations,
members, records, letters, activities, plans, packages, lessons, classes, cases, needs, stations,
care and subsidies on both sides), so that paths carry real ids as well as made-up ones. Runs
on SQLite and on PostgreSQL alike (no backend-specific mark); ``-m "not api_fuzz"`` leaves it
out of a quick run.

The checks that must pass: no server error, every response conforming to its documented schema,
every status code and content type documented. (Anonymous refusal of every operation is the
permission walk's; whether a made-up id or date "should" be accepted is the actions' call, so
schemathesis' guesses about accepting and rejecting data are not asserted here.)
"""

import logging

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.real_ids import collect_real_ids
from tests.members.walk import world as walk_world

pytestmark = [pytest.mark.django_db, pytest.mark.api_fuzz]

# Bounded: about 2 minutes for the whole file on two cores (see the report in docs/security).
MAX_EXAMPLES = 10
PERSONA = "secretary_a"

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


@pytest.fixture(scope="module")
def api(django_db_setup, django_db_blocker):
    """The world built once, the WSGI app, the secretary's cookies and real ids by path."""
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.CRITICAL)
    with django_db_blocker.unblock(), transaction.atomic():
        world = walk_world.build()
        # The app runs in the test's transaction: Django must not close the connection after
        # each request as it does for a real server. The test client disconnects the same
        # handler around each of its requests (and connects it again), so only after the build.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        app = WSGIHandler()
        cookies = world.cookies[PERSONA]
        yield {
            "app": app,
            "cookies": cookies,
            # Uncompressed: the in-process client does not undo GZipMiddleware.
            "headers": {"X-CSRFToken": cookies["csrftoken"], "Accept-Encoding": "identity"},
            "ids": collect_real_ids(app, cookies, schema.raw_schema["paths"]),
        }
        transaction.set_rollback(True)
    requests_log.setLevel(level)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
REAL_IDS: dict = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the cases name objects that exist in the secretary's scope."""
    known = REAL_IDS.get(context.operation.path, {})
    if not path_parameters:
        return st.just(path_parameters)
    choices = {name: known[name] for name in path_parameters if known.get(name)}
    if not choices:
        return st.just(path_parameters)
    real = st.fixed_dictionaries({name: st.sampled_from(ids) for name, ids in choices.items()})
    return st.one_of(st.just(path_parameters), real.map(lambda r: {**path_parameters, **r}))


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, api):
    REAL_IDS.update(api["ids"])
    case.call_and_validate(
        app=api["app"], cookies=api["cookies"], headers=api["headers"], checks=CHECKS
    )
