"""Plans made from a template for a group, and progress read from what members did."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from education.audience import Audience
from education.hours.actions import Source, hours_credit
from education.plans import actions, selectors
from education.plans.models import PlanMember
from tests.education.plans.conftest import YEAR, deliver, invite, make_lesson
from tests.factories import UserFactory, assign, make_member

pytestmark = pytest.mark.django_db


def test_plan_from_template_for_the_mobile_members_of_a_town(tree, plan, mobile_members):
    make_member(tree.branch_a1, name="在家")  # not mobile: not in the plan

    members = set(plan.plan_members.values_list("member_id", flat=True))

    assert members == {member.pk for member in mobile_members}


def test_plan_copies_the_templates_readings_and_target(plan, readings):
    assert set(plan.readings.all()) == set(readings)
    assert plan.target_hours == Decimal(32)
    assert plan.title == "2026年流动党员学习计划"


def test_plan_says_in_words_whom_it_is_for(plan):
    assert "大街街道党工委" in plan.audience


def test_adding_members_twice_adds_them_once(tree, secretary_a, plan):
    again = actions.plan_add_members(
        actor=secretary_a, plan=plan, audience=Audience(organization=tree.town_a)
    )

    assert again == 0


def test_a_plan_for_one_member_outside_the_scope_is_refused(tree, secretary_a, member_b1):
    with pytest.raises(PermissionDenied):
        actions.plan_create(
            actor=secretary_a, organization=tree.town_a, year=YEAR, title="计划", member=member_b1
        )


def test_a_plan_needs_one_member_or_a_group(tree, secretary_a):
    with pytest.raises(ValidationError):
        actions.plan_create(actor=secretary_a, organization=tree.town_a, year=YEAR, title="计划")


def test_a_plan_cannot_list_lessons_its_maker_cannot_see(tree, secretary_a, secretary_b, member_a1):
    foreign = make_lesson(tree.town_b, secretary_b)

    with pytest.raises(ValidationError):
        actions.plan_create(
            actor=secretary_a,
            organization=tree.town_a,
            year=YEAR,
            title="计划",
            member=member_a1,
            lessons=[foreign],
        )


def _progress(user, plan):
    page, totals = selectors.plan_progress(user=user, plan=plan)
    return {member.name: member for member in page.items}, totals


def test_progress_counts_what_each_member_did(secretary_a, plan, mobile_members, lesson):
    jia = mobile_members[2]
    deliver(lesson, jia)
    invite(plan.classes.get(), jia)
    actions.reading_confirm(member=jia, reading=plan.readings.first(), year=YEAR, through_link=True)

    rows, totals = _progress(secretary_a, plan)

    assert (rows["甲三"].readings_done, rows["甲三"].lessons_done, rows["甲三"].classes_done) == (
        1,
        1,
        1,
    )
    assert (totals.readings, totals.lessons, totals.classes) == (2, 1, 1)


def test_progress_ignores_lessons_opened_but_not_completed(
    secretary_a, plan, mobile_members, lesson
):
    deliver(lesson, mobile_members[0], completed=False)

    rows, _totals = _progress(secretary_a, plan)

    assert rows["丙一"].lessons_done == 0


def test_progress_ignores_classes_missed(secretary_a, plan, mobile_members):
    invite(plan.classes.get(), mobile_members[0], attendance="absent")

    rows, _totals = _progress(secretary_a, plan)

    assert rows["丙一"].classes_done == 0


def test_progress_sums_the_years_hours(secretary_a, plan, mobile_members):
    _credit(mobile_members[1], "20.0", 1)
    _credit(mobile_members[1], "5.5", 2)

    rows, _totals = _progress(secretary_a, plan)

    assert rows["乙二"].hours_done == Decimal("25.5")


def _credit(member, hours, source_id, year=YEAR):
    hours_credit(
        member_ids=[member.pk],
        source=Source.OTHER,
        source_id=source_id,
        hours=Decimal(hours),
        studied_on=datetime.date(year, 5, 1),
        description="集中学习",
    )


def test_members_are_listed_by_name_never_by_hours(secretary_a, plan, mobile_members):
    _credit(mobile_members[0], "30.0", 1)  # 丙 studied most

    page, _totals = selectors.plan_progress(user=secretary_a, plan=plan)

    names = [member.name for member in page.items]
    assert names == sorted(names)


def test_progress_query_count_does_not_grow_with_the_page(tree, secretary_a, plan, lesson):
    def queries():
        fresh = type(plan).objects.get(pk=plan.pk)  # as a request reads it
        with CaptureQueriesContext(connection) as captured:
            page, _totals = selectors.plan_progress(user=secretary_a, plan=fresh)
            [(m.readings_done, m.hours_done) for m in page.items]
        return len(captured)

    few = queries()
    for _serial in range(6):
        member = make_member(tree.branch_a1, status="mobile")
        deliver(lesson, member)
    actions.plan_add_members(
        actor=secretary_a, plan=plan, audience=Audience(organization=tree.town_a)
    )

    assert queries() == few


def test_the_progress_page_stays_within_a_fixed_number_of_queries(
    client, secretary_a, plan, django_assert_max_num_queries
):
    client.force_login(secretary_a)

    with django_assert_max_num_queries(20):
        response = client.get(f"/education/plans/{plan.pk}/")

    assert response.status_code == 200


def test_the_summary_counts_members_who_reached_the_target(secretary_a, plan, mobile_members):
    _credit(mobile_members[0], "32.0", 1)
    _credit(mobile_members[1], "31.5", 1)

    reached, total = selectors.plan_reached_count(user=secretary_a, plan=plan)

    assert (reached, total) == (1, 3)


def test_hours_of_another_year_do_not_count(secretary_a, plan, mobile_members):
    _credit(mobile_members[0], "32.0", 1, year=YEAR - 1)

    reached, _total = selectors.plan_reached_count(user=secretary_a, plan=plan)

    assert reached == 0


def test_the_host_reads_only_its_hosted_members_lines(tree, secretary_a, secretary_b, plan):
    from tests.conftest import _persona  # noqa: F401  (the fixture's helper, for symmetry)

    hosted = PlanMember.objects.filter(plan=plan).count()

    rows, _totals = _progress(secretary_b, plan)

    assert (rows, hosted) == ({}, 3)


def test_plans_without_progress_counts_plans_nobody_started(secretary_a, plan, mobile_members):
    before = selectors.plans_without_progress(user=secretary_a, year=YEAR).count()
    _credit(mobile_members[0], "1.0", 1)

    after = selectors.plans_without_progress(user=secretary_a, year=YEAR).count()

    assert (before, after) == (1, 0)


def test_a_renamed_member_moves_to_the_new_name_in_the_plans_order(secretary_a, plan):
    from members.files.actions import member_update
    from tests.factories import system_user

    first = selectors.plan_progress(user=secretary_a, plan=plan)[0].items[0]
    member_update(actor=system_user(), member=first, name="黎明")  # sorts after the others
    names = [m.name for m in selectors.plan_progress(user=secretary_a, plan=plan)[0].items]
    assert (names[-1], PlanMember.objects.get(plan=plan, member=first).member_name) == (
        "黎明",
        "黎明",
    )


def test_a_members_plans_carry_the_same_progress_as_the_plans_page(
    secretary_a, plan, mobile_members, lesson
):
    jia = mobile_members[2]
    deliver(lesson, jia)
    invite(plan.classes.get(), jia)
    actions.reading_confirm(member=jia, reading=plan.readings.first(), year=YEAR, through_link=True)
    _credit(jia, "4.5", 1)
    rows, totals = _progress(secretary_a, plan)

    (found,) = selectors.member_plans(member=jia, year=YEAR)

    expected = rows["甲三"]
    assert found.progress == selectors.MemberProgress(
        expected.readings_done, expected.lessons_done, expected.classes_done, expected.hours_done
    )
    assert found.totals == totals


def test_a_members_plans_are_one_query_whatever_their_number(
    tree, secretary_a, plan, mobile_members
):
    member = mobile_members[0]
    for serial in range(3):
        actions.plan_create(
            actor=secretary_a,
            organization=tree.town_a,
            year=YEAR,
            title=f"计划{serial}",
            member=member,
        )

    with CaptureQueriesContext(connection) as captured:
        plans = selectors.member_plans(member=member, year=YEAR)
        [(p.progress.hours_done, p.totals.readings, p.organization.name) for p in plans]

    assert (len(plans), len(captured)) == (4, 1)


def test_a_viewer_of_the_plans_subtree_reads_every_member_line_without_writing(
    tree, plan, mobile_members
):
    viewer = UserFactory(username="cdq_viewer", full_name="城东区组织部")
    assign(viewer, tree.county_a, "viewer")

    rows = selectors.plan_member_rows(user=viewer, plan=plan)

    assert (rows.count(), selectors.can_write(viewer, plan)) == (len(mobile_members), False)


def test_a_secretary_reached_by_the_plan_reads_only_the_lines_of_members_they_manage(
    tree, secretary_b, plan, mobile_members
):
    rows = selectors.plan_member_rows(user=secretary_b, plan=plan)

    assert rows.count() == 0
