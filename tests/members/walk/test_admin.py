"""The permission walk over every admin URL of every registered model."""

import pytest

from tests.members.walk.cases import params, walk
from tests.members.walk.table_admin import MODEL_CASES
from tests.members.walk.table_admin_site import SITE_CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", params([*MODEL_CASES, *SITE_CASES]))
def test_admin(world, case, record_property):
    sent, wrong = walk(world, case)
    record_property("walk_requests", sent)
    assert not wrong, "\n".join(wrong)
