"""The home card's item and the demo."""

import datetime

import pytest
import time_machine

from education.attention import attention_for
from services.needs import actions
from services.needs.models import NeedsEntry, NeedsRound

pytestmark = pytest.mark.django_db
IN_NOVEMBER = datetime.date(2026, 11, 18)


def test_rows_not_asked_on_the_card(opened, secretary_b):
    items = attention_for(secretary_b, IN_NOVEMBER, chain="services")
    counts = [item.count for item in items if item.url == "/services/needs/"]
    assert counts == [2]


def test_viewers_get_no_item(opened, viewer_b):
    items = attention_for(viewer_b, IN_NOVEMBER, chain="services")
    assert [item for item in items if item.url == "/services/needs/"] == []


def test_asked_rows_leave_the_card(opened, tree, receiving_b1):
    for entry in NeedsEntry.objects.filter(round__organization=tree.branch_b1):
        actions.needs_entry_fill(actor=receiving_b1, entry=entry, outcome="unreachable")
    items = attention_for(receiving_b1, IN_NOVEMBER, chain="services")
    assert [item for item in items if item.url == "/services/needs/"] == []


@pytest.fixture
def demo(db):
    from members.demo import load_demo as load_members

    with time_machine.travel(datetime.datetime(2026, 11, 18, 10, tzinfo=datetime.UTC)):
        load_members()
        from services.needs.demo import load_demo

        load_demo()
        yield load_demo


def snapshot():
    rounds = NeedsRound.objects.order_by("pk").values_list(
        *("pk", "members_count", "asked_count", "needs_count", "cases_count")
    )
    return list(rounds), NeedsEntry.objects.count()


def test_demo_last_month_complete(demo):
    last = NeedsRound.objects.filter(month=datetime.date(2026, 10, 1))
    assert (last.exists(), [r.asked_count == r.members_count for r in last]) == (
        True,
        [True] * last.count(),
    )


def test_demo_one_case_this_month(demo):
    this = NeedsRound.objects.filter(month=datetime.date(2026, 11, 1))
    assert sum(r.cases_count for r in this) == 1


def test_demo_is_idempotent(demo):
    before = snapshot()
    with time_machine.travel(datetime.datetime(2026, 11, 18, 11, tzinfo=datetime.UTC)):
        demo()
    assert snapshot() == before
