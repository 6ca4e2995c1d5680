"""The three separated administrators (三员分立): staff, no superuser, no organisation."""

import pytest

from members.organizations.models import AdminRole
from tests.factories import UserFactory


def _administrator(username: str, full_name: str, role: AdminRole):
    return UserFactory(username=username, full_name=full_name, is_staff=True, admin_role=role)


@pytest.fixture
def sysadmin(db):
    return _administrator("sysadmin", "系统管理员", AdminRole.SYSTEM)


@pytest.fixture
def secadmin(db):
    return _administrator("secadmin", "安全管理员", AdminRole.SECURITY)


@pytest.fixture
def auditor(db):
    return _administrator("auditor", "审计管理员", AdminRole.AUDIT)
