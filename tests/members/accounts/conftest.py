import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(secretary_a):
    from tests.factories import make_staff

    return make_staff(secretary_a, "view_member")
