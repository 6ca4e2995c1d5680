"""The permission walk over the cases of the walk's extensions (``extra_<topic>.py``)."""

import pytest

from tests.members.walk.cases import params, walk
from tests.members.walk.world import extensions

pytestmark = pytest.mark.django_db

EXTRA_CASES = [case for extension in extensions() for case in extension.CASES]


@pytest.mark.parametrize("case", params(EXTRA_CASES))
def test_extra(world, case, record_property):
    sent, wrong = walk(world, case)
    record_property("walk_requests", sent)
    assert not wrong, "\n".join(wrong)
