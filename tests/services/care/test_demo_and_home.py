"""Care's demo (story 11, loaded twice) and its item on the home card."""

import datetime

import pytest
from django.core.management import call_command

from education.attention import attention_for
from services.care import actions
from services.care.demo import load_demo
from services.care.models import CareCampaign, CareRecord, CareVisit

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def counts() -> tuple[int, int, int]:
    return CareCampaign.objects.count(), CareVisit.objects.count(), CareRecord.objects.count()


def test_the_demo_loads_twice_alike(demo):
    before = counts()
    load_demo()
    assert counts() == before


def test_the_demo_leaves_wang_xiulings_family_to_visit(demo):
    visits = CareVisit.objects.filter(
        campaign__organization__name="中共湟源县委", member__name="王秀玲"
    )
    assert sorted(visits.values_list("family_member__name", "status")) == [
        ("王丽", "to_visit"),
        ("赵秀英", "to_visit"),
    ]


def test_the_double_ninth_campaign_is_done(demo):
    campaign = CareCampaign.objects.get(name="2026年重阳节走访慰问")
    assert campaign.done_count == campaign.visits_count


def care_count(user, today=TODAY) -> int:
    """The care item's count (the card leaves out items counting nothing)."""
    items = attention_for(user, today, chain="services")
    return next((item.count for item in items if "/care/" in item.url), 0)


def test_the_home_card_counts_the_visits_to_make(campaign_a, secretary_a):
    assert care_count(secretary_a) == 2


def test_a_visit_made_leaves_the_count(campaign_a, secretary_a, visit_father):
    actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=TODAY)
    assert care_count(secretary_a) == 1


def test_campaigns_not_running_are_not_counted(campaign_a, secretary_a):
    assert care_count(secretary_a, datetime.date(2027, 3, 1)) == 0


def test_a_viewer_has_nothing_to_visit(campaign_a, viewer_b):
    assert care_count(viewer_b) == 0
