import logging

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from tests.members.walk import world as walk_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """The world, built once for the walk's modules and rolled back after them."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    clock = time_machine.travel(walk_world.NOW, tick=False)
    # Thousands of refusals are the point here: not a logged warning with a traceback each.
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.ERROR)
    with clock, fast, django_db_blocker.unblock(), transaction.atomic():
        yield walk_world.build()
        transaction.set_rollback(True)
    requests_log.setLevel(level)
