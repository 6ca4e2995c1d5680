"""The education hub, the home page's card, the attention registry, the API and the demo."""

from decimal import Decimal

import pytest
from django.utils import timezone

from education.attention import AttentionItem, attention_for, attention_item
from education.hours.actions import Source, hours_credit
from tests.education.plans.conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_the_plans_year(monkeypatch):
    import datetime

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(YEAR, 11, 27))


def test_the_hub_links_plans_and_reading_lists(client, secretary_a):
    client.force_login(secretary_a)

    page = client.get("/education/").content.decode()

    assert all(path in page for path in ("/education/plans/", "/education/plans/readings/"))


def test_the_hub_links_only_topics_with_a_page(client, secretary_a, monkeypatch):
    from education import views

    pages = [("/education/plans/", "计划"), ("/education/nowhere/", "无")]
    monkeypatch.setattr(views, "TOPIC_PAGES", pages)
    client.force_login(secretary_a)

    response = client.get("/education/")

    assert response.context["topics"] == pages[:1]


def test_the_hub_lists_plans_nobody_started(client, secretary_a, plan):
    client.force_login(secretary_a)

    response = client.get("/education/")

    assert [item.count for item in response.context["attention"]] == [1]


def test_attention_leaves_out_items_counting_nothing(secretary_a, plan, mobile_members):
    hours_credit(
        member_ids=[mobile_members[0].pk],
        source=Source.OTHER,
        source_id=1,
        hours=Decimal(1),
        studied_on=timezone.localdate(),
        description="学习",
    )

    assert attention_for(secretary_a, timezone.localdate()) == []


def test_a_reader_gets_no_writers_items(viewer_b, plan):
    assert attention_for(viewer_b, timezone.localdate()) == []


def test_other_topics_add_their_items(secretary_a):
    @attention_item(order=99)
    def shipments_waiting(user, today, cap):
        return AttentionItem("包裹", 150, "/education/packages/", cap)

    try:
        items = attention_for(secretary_a, timezone.localdate())
    finally:
        from education import attention

        attention._counters[:] = [c for c in attention._counters if c[2] is not shipments_waiting]

    assert [item.shown for item in items] == ["99+"]


def test_the_home_card_counts_this_years_plans(client, secretary_a, plan):
    client.force_login(secretary_a)

    response = client.get("/")

    assert response.context["education_plans"] == 1
    assert 'id="education-card"' in response.content.decode()


def test_the_nav_links_the_hub(client, secretary_a):
    client.force_login(secretary_a)

    assert 'href="/education/"' in client.get("/").content.decode()


def test_the_api_lists_a_plans_members_by_name_with_progress(client, secretary_a, plan):
    client.force_login(secretary_a)

    rows = client.get(f"/api/v1/education/plans/{plan.pk}/members/").json()["results"]

    assert [row["name"] for row in rows] == ["丙一", "乙二", "甲三"]


def test_the_api_makes_a_plan_for_a_group(client, tree, secretary_a, template, mobile_members):
    client.force_login(secretary_a)

    response = client.post(
        "/api/v1/education/plans/",
        {
            "organization": tree.town_a.pk,
            "template": template.pk,
            "year": YEAR,
            "audience_organization": tree.town_a.pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 201


def test_the_api_gives_one_members_credits(client, secretary_a, mobile_members):
    hours_credit(
        member_ids=[m.pk for m in mobile_members],
        source=Source.OTHER,
        source_id=1,
        hours=Decimal(2),
        studied_on=timezone.localdate(),
        description="学习",
    )
    client.force_login(secretary_a)

    rows = client.get(f"/api/v1/education/hours/?member={mobile_members[0].pk}").json()["results"]

    assert [row["member"] for row in rows] == [mobile_members[0].pk]


def test_the_api_hides_another_towns_credits(client, secretary_b, mobile_members):
    hours_credit(
        member_ids=[mobile_members[0].pk],
        source=Source.OTHER,
        source_id=1,
        hours=Decimal(2),
        studied_on=timezone.localdate(),
        description="学习",
    )
    client.force_login(secretary_b)

    rows = client.get(f"/api/v1/education/hours/?member={mobile_members[0].pk}").json()["results"]

    assert rows == []


def test_the_demo_plan_loads_once(tree):
    from education.plans.demo import load_demo_plans
    from education.plans.models import ReadingConfirmation, StudyPlan
    from tests.factories import UserFactory, assign, make_member, make_organization

    town = make_organization("拦隆口镇党委", parent=tree.county_a, kind="town")
    village = make_organization("卡阳村党支部", parent=town)
    assign(UserFactory(username="wanghaiyan"), town, "officer")
    member = make_member(village, name="曹忠海", status="mobile")
    member.__class__.objects.filter(pk=member.pk).update(is_sample=True)

    load_demo_plans()
    plan = load_demo_plans()

    assert StudyPlan.objects.count() == 1
    assert plan.plan_members.filter(member=member).exists()
    assert ReadingConfirmation.objects.filter(member=member).count() == 1


def test_the_api_asks_for_a_member_never_lists_everyones_hours(client, secretary_a):
    client.force_login(secretary_a)

    response = client.get("/api/v1/education/hours/")

    assert response.status_code == 400
