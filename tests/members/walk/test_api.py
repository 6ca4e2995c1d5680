"""The permission walk over every operation of the REST API."""

import pytest

from tests.members.walk.cases import params, walk
from tests.members.walk.table_api import OPERATIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", params(OPERATIONS))
def test_api(world, case, record_property):
    sent, wrong = walk(world, case)
    record_property("walk_requests", sent)
    assert not wrong, "\n".join(wrong)
