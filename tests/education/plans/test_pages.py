"""Pages of plans, reading lists and templates: who may do what, and bad input."""

import pytest

from education.plans.models import PlanTemplate, Reading, StudyPlan
from tests.education.plans.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_a_writer_adds_a_reading_to_the_towns_list(client, tree, secretary_a):
    client.force_login(secretary_a)

    client.post(
        "/education/plans/readings/new/",
        {"organization": tree.town_a.pk, "kind": "book", "title": "红岩", "hours": "2.0"},
    )

    assert Reading.objects.get().organization == tree.town_a


def test_a_reading_without_a_title_says_which_field(client, tree, secretary_a):
    client.force_login(secretary_a)

    response = client.post(
        "/education/plans/readings/new/",
        {"organization": tree.town_a.pk, "kind": "book", "title": "", "hours": "2.0"},
    )

    assert response.context["form"].errors.keys() == {"title"}


def test_a_towns_reading_list_is_usable_by_its_branches(client, tree, officer_a1, readings):
    client.force_login(officer_a1)

    response = client.get("/education/plans/readings/")

    assert "中国共产党章程" in response.content.decode()


def test_a_branch_may_not_change_the_towns_reading(client, officer_a1, readings):
    client.force_login(officer_a1)

    response = client.get(f"/education/plans/readings/{readings[0].pk}/edit/")

    assert response.status_code == 403


def test_another_town_does_not_see_the_reading(client, secretary_b, readings):
    client.force_login(secretary_b)

    response = client.get(f"/education/plans/readings/{readings[0].pk}/edit/")

    assert response.status_code == 404


def test_a_confirmed_reading_is_not_deleted(client, secretary_a, plan, mobile_members):
    from education.plans.actions import reading_confirm

    reading = plan.readings.first()
    reading_confirm(member=mobile_members[0], reading=reading, year=YEAR, through_link=True)
    client.force_login(secretary_a)

    client.post(f"/education/plans/readings/{reading.pk}/delete/")

    assert Reading.objects.filter(pk=reading.pk).exists()


def test_a_template_is_made_with_readings(client, tree, secretary_a, readings):
    client.force_login(secretary_a)

    client.post(
        "/education/plans/templates/new/",
        {
            "organization": tree.town_a.pk,
            "name": "年度计划",
            "target_hours": "32",
            "readings": [readings[0].pk],
        },
    )

    assert list(PlanTemplate.objects.get().readings.all()) == [readings[0]]


def test_a_plan_is_made_on_the_page_from_a_template(
    client, tree, secretary_a, template, mobile_members
):
    client.force_login(secretary_a)

    response = client.post(
        "/education/plans/new/",
        {
            "organization": tree.town_a.pk,
            "template": template.pk,
            "year": YEAR,
            "audience_organization": tree.branch_a1.pk,
            "audience_mobile_only": "on",
        },
    )

    plan = StudyPlan.objects.get()
    assert (response.status_code, plan.plan_members.count()) == (302, 3)


def test_a_plan_without_template_needs_a_title(client, tree, secretary_a, mobile_members):
    client.force_login(secretary_a)

    response = client.post(
        "/education/plans/new/",
        {"organization": tree.town_a.pk, "year": YEAR, "audience_organization": tree.town_a.pk},
    )

    assert "title" in response.context["form"].errors


def test_a_plan_for_a_group_outside_the_scope_is_refused(client, tree, secretary_a):
    client.force_login(secretary_a)

    response = client.post(
        "/education/plans/new/",
        {
            "organization": tree.town_a.pk,
            "title": "计划",
            "year": YEAR,
            "audience_organization": tree.town_b.pk,
        },
    )

    assert "audience_organization" in response.context["form"].errors


def test_the_plan_is_edited(client, secretary_a, plan):
    client.force_login(secretary_a)

    client.post(
        f"/education/plans/{plan.pk}/edit/",
        {"title": "新标题", "target_hours": "40", "readings": [r.pk for r in plan.readings.all()]},
    )

    plan.refresh_from_db()
    assert (plan.title, plan.lessons.count()) == ("新标题", 0)


def test_one_member_is_added_to_the_plan(client, secretary_a, plan, member_a1):
    client.force_login(secretary_a)

    client.post(f"/education/plans/{plan.pk}/members/", {"member": member_a1.pk})

    assert plan.plan_members.filter(member=member_a1).exists()


def test_the_plan_detail_shows_a_count_not_a_ranking(client, secretary_a, plan):
    client.force_login(secretary_a)

    response = client.get(f"/education/plans/{plan.pk}/")

    assert response.context["reached"] == 0
    assert "plan-summary" in response.content.decode()


def test_the_plan_is_not_shown_to_another_town(client, secretary_b, plan):
    client.force_login(secretary_b)

    response = client.get(f"/education/plans/{plan.pk}/")

    assert response.status_code == 404


def test_a_reader_gets_no_edit_buttons(client, tree, plan):
    from tests.factories import UserFactory, assign

    reader = UserFactory()
    assign(reader, tree.town_a, "viewer")
    client.force_login(reader)

    response = client.get(f"/education/plans/{plan.pk}/")

    assert f"/education/plans/{plan.pk}/edit/" not in response.content.decode()


def test_the_list_can_show_plans_nobody_started(client, secretary_a, plan):
    client.force_login(secretary_a)

    response = client.get(f"/education/plans/?year={YEAR}&without_progress=1")

    assert [p.pk for p in response.context["page"].items] == [plan.pk]
