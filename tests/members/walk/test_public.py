"""The permission walk over the patterns that are public by design."""

import pytest

from tests.members.walk.cases import params, walk
from tests.members.walk.table_public import PUBLIC_CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", params(PUBLIC_CASES))
def test_public(world, case, record_property):
    sent, wrong = walk(world, case)
    record_property("walk_requests", sent)
    assert not wrong, "\n".join(wrong)
