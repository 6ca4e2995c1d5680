import pytest
from django.db import transaction
from django.test import override_settings

from education.packages.demo import STORY_MEMBER, TITLE, load_demo_packages
from education.packages.models import Dispatch, Shipment
from education.packages.selectors import dispatch_get, progress
from members.demo import load_demo
from members.organizations.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The members' demo and story 4, once for the module; rolled back when it ends (as in
    tests/members/test_demo.py)."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        load_demo()
        yield load_demo_packages()
        transaction.set_rollback(True)


def test_the_story_members_parcel_is_on_its_way(demo):
    shipment = Shipment.objects.get(dispatch__title=TITLE, member__name=STORY_MEMBER)
    assert (shipment.status, shipment.courier) == (Shipment.Status.SENT, "中国邮政EMS")


def test_the_town_officer_sees_the_progress(demo):
    officer = User.objects.get(username="wanghaiyan")
    counts = progress(dispatch_get(user=officer, pk=demo.pk))
    assert counts.total > counts.sent > counts.received > 0


def test_loading_again_changes_nothing(demo):
    load_demo_packages()
    assert Dispatch.objects.filter(title=TITLE).count() == 1
