"""Readings confirmed: by the member on the phone page, or by a secretary on the member's word;
either way the reading's hours are credited once."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from education.hours.models import StudyCredit
from education.plans.models import ReadingConfirmation
from members.links.registry import action_handler, sections_for
from tests.education.plans.conftest import YEAR

pytestmark = pytest.mark.django_db

TODAY = __import__("datetime").date(YEAR, 11, 27)


@pytest.fixture(autouse=True)
def _in_the_plans_year(settings, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _confirm(member, reading):
    handler = action_handler("reading_confirmed")
    return handler(member, target_id=reading.pk, data={}, link=None)


def test_the_member_confirms_a_reading_through_the_link(plan, mobile_members):
    reading = plan.readings.first()

    _confirm(mobile_members[0], reading)

    assert ReadingConfirmation.objects.get(member=mobile_members[0]).through_link


def test_a_confirmed_reading_credits_its_hours_once(plan, mobile_members):
    reading = plan.readings.first()

    _confirm(mobile_members[0], reading)
    _confirm(mobile_members[0], reading)

    credits = StudyCredit.objects.filter(member=mobile_members[0], source="reading")
    assert [credit.hours for credit in credits] == [reading.hours]


def test_the_link_action_says_what_was_done(plan, mobile_members):
    result = _confirm(mobile_members[0], plan.readings.first())

    assert "中国共产党章程" in result.description or "党员教育管理工作条例" in result.description


def test_a_reading_not_on_the_members_plan_is_refused(plan, member_a1):
    with pytest.raises(ValidationError):
        _confirm(member_a1, plan.readings.first())


def test_the_phone_page_shows_the_plan_the_hours_and_the_reading_list(plan, mobile_members):
    sections = [
        s for s in sections_for(mobile_members[0], today=TODAY) if s.title == _("Study plan")
    ]

    titles = [item.title for item in sections[0].items]
    assert "《中国共产党章程》" in titles
    assert "32" in sections[0].summary


def test_the_phone_page_offers_i_have_read_it_only_for_unread_readings(plan, mobile_members):
    member = mobile_members[0]
    _confirm(member, plan.readings.get(title="中国共产党章程"))

    (section,) = [s for s in sections_for(member, today=TODAY) if s.title == _("Study plan")]

    offered = [item.title for item in section.items if item.actions]
    assert offered == ["《党员教育管理工作条例》"]


def test_no_section_for_a_member_without_a_plan(member_a1):
    assert [s for s in sections_for(member_a1, today=TODAY) if s.title == _("Study plan")] == []


def test_the_secretary_confirms_on_the_members_word(client, secretary_a, plan, mobile_members):
    client.force_login(secretary_a)
    reading = plan.readings.first()

    client.post(
        f"/education/plans/{plan.pk}/confirm/",
        {"member": mobile_members[0].pk, "reading": reading.pk},
    )

    confirmation = ReadingConfirmation.objects.get(member=mobile_members[0])
    assert (confirmation.reading, confirmation.through_link) == (reading, False)


def test_a_reader_of_the_plan_may_not_confirm(client, viewer_b, plan, mobile_members):
    client.force_login(viewer_b)

    response = client.post(
        f"/education/plans/{plan.pk}/confirm/",
        {"member": mobile_members[0].pk, "reading": plan.readings.first().pk},
    )

    assert response.status_code == 404


def test_a_reading_outside_the_plan_is_refused_on_the_page(
    client, tree, secretary_a, plan, mobile_members
):
    from education.plans.actions import reading_create

    other = reading_create(actor=secretary_a, organization=tree.town_a, title="别的书")
    client.force_login(secretary_a)

    client.post(
        f"/education/plans/{plan.pk}/confirm/",
        {"member": mobile_members[0].pk, "reading": other.pk},
    )

    assert not ReadingConfirmation.objects.exists()


def test_the_village_secretary_confirms_for_a_member_of_the_towns_plan(
    client, officer_a1, plan, mobile_members
):
    client.force_login(officer_a1)

    client.post(
        f"/education/plans/{plan.pk}/confirm/",
        {"member": mobile_members[0].pk, "reading": plan.readings.first().pk},
    )

    assert ReadingConfirmation.objects.filter(member=mobile_members[0]).exists()


def test_the_village_secretary_may_not_confirm_for_another_villages_member(
    client, tree, secretary_a, officer_a1, plan
):
    from education.plans.actions import plan_add_members
    from tests.factories import make_member, make_organization

    elsewhere = make_member(make_organization("另一社区党支部", parent=tree.town_a), name="外村人")
    plan_add_members(actor=secretary_a, plan=plan, member=elsewhere)
    client.force_login(officer_a1)

    response = client.post(
        f"/education/plans/{plan.pk}/confirm/",
        {"member": elsewhere.pk, "reading": plan.readings.first().pk},
    )

    assert response.status_code == 403


def test_the_plan_page_offers_the_village_secretary_its_own_members_only(
    client, tree, secretary_a, officer_a1, plan, mobile_members
):
    client.force_login(officer_a1)

    response = client.get(f"/education/plans/{plan.pk}/")

    assert all(confirmable for _member, _bar, confirmable in response.context["rows"])
