"""The permission walk over every page."""

import pytest

from tests.members.walk.cases import params, walk
from tests.members.walk.table_pages import PAGES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", params(PAGES))
def test_page(world, case, record_property):
    sent, wrong = walk(world, case)
    record_property("walk_requests", sent)
    assert not wrong, "\n".join(wrong)
