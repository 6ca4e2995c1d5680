"""Every page reachable from the menu, as each demo login: what a page offers must work.

A link or button shown must not lead to 403 or 404 (nor to an error or the login page), a
form shown must be accepted when sent as it stands, and no page may show English words in
the Chinese UI. The demo is loaded once; each login's crawl is rolled back.
"""

import pytest
from django.db import transaction
from django.test import Client, override_settings

from members.demo import ADMINISTRATOR_LOGINS, load_demo
from members.management.commands.load_demo import demo_logins
from members.organizations.models import User
from tests.members.crawl.crawler import Crawler

pytestmark = pytest.mark.django_db

# The administrators work in the admin on no organisation (三员分立): the permission walk
# covers what they may do there (tests/members/walk/table_admin.py::ADMINISTRATOR_CASES).
LOGINS = [login for login, _who in demo_logins() if login not in ADMINISTRATOR_LOGINS]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def test_the_crawl_covers_the_viewer_and_a_receiving_branch():
    assert {"czq_zzb", "liudehua"} <= set(LOGINS)


@pytest.mark.parametrize("login", LOGINS)
def test_what_each_page_offers_works_and_speaks_chinese(demo, login):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(User.objects.get(username=login))

    report = Crawler(client).run()

    assert report.problems == []
    assert report.pages >= 10
