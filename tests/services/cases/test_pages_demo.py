"""The demo of stories 6 and 7, as the secretaries find it on the case pages."""

import pytest
from django.db import transaction
from django.test import override_settings

from members.demo import load_demo
from members.files.models import Member
from members.organizations.models import User
from services.cases import demo as case_demo
from services.cases.models import ServiceCase
from services.cases.selectors import case_can_write, case_queryset

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo once for the module; rolled back when it ends."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def test_the_land_case_is_in_progress_at_the_village(demo):
    case = ServiceCase.objects.get(title=case_demo.LAND_TITLE)
    assert (case.organization.name, case.status) == ("新添堡村党支部", "in_progress")


def test_the_hand_over_gives_the_reason(demo):
    case = ServiceCase.objects.get(title=case_demo.LAND_TITLE)
    assert case.events.filter(kind="handover", text__endswith=case_demo.HANDOVER_REASON).exists()


def test_the_village_secretary_handles_it(demo):
    qi = User.objects.get(username=case_demo.VILLAGE_LOGIN)
    assert case_can_write(qi, ServiceCase.objects.get(title=case_demo.LAND_TITLE))


def test_the_wage_case_concerns_25_members(demo):
    case = ServiceCase.objects.get(title=case_demo.WAGES_TITLE)
    assert (case.members.count(), case.is_open) == (25, True)


def test_the_fellow_workers_are_sample_members_born_in_henan(demo):
    workers = Member.objects.filter(
        organization__name=case_demo.NANTAN_BRANCH,
        name__in=[row[0] for row in case_demo.FELLOW_WORKERS],
    )
    born_in_zhumadian = workers.filter(is_sample=True, id_number_masked__startswith="4117")
    assert born_in_zhumadian.count() == 24


def test_the_list_has_history(demo):
    assert ServiceCase.objects.get(title=case_demo.CLOSED_TITLE).status == "closed"


def test_liu_dehua_sees_the_wage_case(demo):
    liu = User.objects.get(username="liudehua")
    assert case_queryset(user=liu).filter(title=case_demo.WAGES_TITLE).exists()


def test_loading_again_changes_nothing(demo):
    before = (ServiceCase.objects.count(), Member.objects.count(), User.objects.count())
    case_demo.load_demo()
    assert (ServiceCase.objects.count(), Member.objects.count(), User.objects.count()) == before
