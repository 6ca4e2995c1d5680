"""Study hours on the member file: the year against the 32-hour line, and hours studied
elsewhere recorded by a secretary."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from education.hours.actions import hours_add_other
from education.hours.models import StudyCredit
from education.hours.selectors import HoursBar

pytestmark = pytest.mark.django_db


def _other(actor, member, hours="8.0", day=None, description="务工地党组织集中轮训"):
    return hours_add_other(
        actor=actor,
        member=member,
        hours=Decimal(hours),
        studied_on=day or timezone.localdate(),
        description=description,
    )


def test_a_secretary_records_hours_studied_elsewhere(secretary_a, member_a1):
    credit = _other(secretary_a, member_a1)

    assert (credit.source, credit.hours) == ("other", Decimal("8.0"))


def test_two_records_of_study_elsewhere_are_both_kept(secretary_a, member_a1):
    _other(secretary_a, member_a1)
    _other(secretary_a, member_a1)

    assert StudyCredit.objects.filter(member=member_a1).count() == 2


def test_study_in_the_future_is_refused_on_its_field(secretary_a, member_a1):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        _other(secretary_a, member_a1, day=tomorrow)

    assert error.value.message_dict.keys() == {"studied_on"}


def test_another_town_may_not_record_hours(secretary_b, member_a1):
    with pytest.raises(PermissionDenied):
        _other(secretary_b, member_a1)


def test_the_form_records_the_hours(client, secretary_a, member_a1):
    client.force_login(secretary_a)

    response = client.post(
        f"/education/hours/members/{member_a1.pk}/add/",
        {"hours": "4", "studied_on": timezone.localdate().isoformat(), "description": "集中学习"},
    )

    assert (response.status_code, StudyCredit.objects.count()) == (302, 1)


def test_the_file_shows_the_years_hours_against_the_line(client, secretary_a, member_a1):
    _other(secretary_a, member_a1, hours="12.5")
    client.force_login(secretary_a)

    page = client.get(f"/members/{member_a1.pk}/").content.decode()

    assert 'id="study-hours"' in page
    assert "12.5" in page
    assert "hours-line" in page


def test_the_file_offers_the_form_only_to_writers(client, tree, member_a1):
    from tests.factories import UserFactory, assign

    reader = UserFactory()
    assign(reader, tree.town_a, "viewer")
    client.force_login(reader)

    page = client.get(f"/members/{member_a1.pk}/").content.decode()

    assert f"/education/hours/members/{member_a1.pk}/add/" not in page


def test_the_bar_puts_the_line_inside_the_scale():
    bar = HoursBar(hours=Decimal(40))

    assert (bar.reached, bar.percent, bar.line_percent) == (True, 100, 80)


def test_the_bar_says_what_is_missing():
    assert HoursBar(hours=Decimal(20)).missing == Decimal(12)
