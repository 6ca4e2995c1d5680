"""Care's actions: who may write, what is refused, the list made once, counters and the lock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.workflow import TransitionError
from services.care import actions
from services.care.models import CareCampaign, CareRecord, CareVisit
from tests.services.care.conftest import relative

pytestmark = pytest.mark.django_db
D = datetime.date
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def campaign(actor, organization, **overrides):
    fields = {
        "name": "春节走访",
        "holiday": "spring_festival",
        "focus": "all",
        "starts_on": D(2026, 11, 1),
        "ends_on": D(2027, 2, 20),
    }
    fields.update(overrides)
    return actions.care_campaign_create(actor=actor, organization=organization, **fields)


def names(campaign) -> list[str]:
    return sorted(campaign.visits.values_list("family_member__name", flat=True))


def test_the_list_has_the_relatives_of_members_away_under_the_organiser(campaign_a):
    assert names(campaign_a) == ["李小花", "李老爹"]


def test_each_visit_goes_to_the_members_home_branch(campaign_a, tree):
    assert set(campaign_a.visits.values_list("organization", flat=True)) == {tree.branch_a1.pk}


def test_the_campaign_counts_its_visits(campaign_a):
    assert (campaign_a.visits_count, campaign_a.done_count) == (2, 0)


def test_the_focus_chooses_the_relatives(tree, secretary_a, family):
    elders = campaign(secretary_a, tree.town_a, focus="elders")
    assert names(elders) == ["李老爹"]


def test_making_the_campaign_again_adds_nothing(campaign_a, tree, secretary_a):
    again = campaign(secretary_a, tree.town_a, name="大街春节走访")
    assert (again.pk, again.visits_count, again.visits.count()) == (campaign_a.pk, 2, 2)


def test_making_it_again_adds_the_relatives_recorded_since(campaign_a, tree, secretary_a):
    relative(campaign_a.visits.first().member, "李奶奶", "elder", "母亲")
    again = campaign(secretary_a, tree.town_a, name="大街春节走访")
    assert (again.visits_count, again.visits.count()) == (3, 3)


@pytest.mark.parametrize("who", ["secretary_b", "viewer_b", "outsider"])
def test_only_a_writer_of_the_organiser_makes_a_campaign(request, tree, family, who):
    with pytest.raises(PermissionDenied):
        campaign(request.getfixturevalue(who), tree.town_a)
    assert CareCampaign.objects.count() == 0


def test_a_campaign_ending_before_it_starts_is_refused(tree, secretary_a, family):
    with pytest.raises(ValidationError) as error:
        campaign(secretary_a, tree.town_a, ends_on=D(2026, 10, 1))
    assert (list(error.value.message_dict), CareCampaign.objects.count()) == (["ends_on"], 0)


def test_a_campaign_without_a_name_is_refused(tree, secretary_a, family):
    with pytest.raises(ValidationError) as error:
        campaign(secretary_a, tree.town_a, name="  ")
    assert "name" in error.value.message_dict


def test_a_visit_done_makes_a_holiday_visit_record(visit_father, secretary_a, family):
    actions.care_visit_done(
        actor=secretary_a, visit=visit_father, on_date=D(2026, 11, 20), description="送米面油"
    )
    record = CareRecord.objects.get()
    assert (record.kind, record.family_member, record.campaign_id, record.description) == (
        "holiday_visit",
        family["father"],
        visit_father.campaign_id,
        "送米面油",
    )


def test_a_visit_done_is_marked_and_counted(visit_father, secretary_a):
    actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=D(2026, 11, 20))
    visit_father.refresh_from_db()
    visit_father.campaign.refresh_from_db()
    assert (visit_father.status, visit_father.campaign.done_count) == ("visited", 1)


def test_a_second_submit_makes_no_second_record(visit_father, secretary_a):
    # Both submits carry the visit as it was read before either: the lock re-reads it.
    stale = CareVisit.objects.get(pk=visit_father.pk)
    actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=D(2026, 11, 20))
    actions.care_visit_done(actor=secretary_a, visit=stale, on_date=D(2026, 11, 21))
    campaign = CareCampaign.objects.get()
    assert (CareRecord.objects.count(), campaign.done_count) == (1, 1)


def test_the_hosting_branch_may_record_the_visit(visit_father, receiving_b1):
    actions.care_visit_done(actor=receiving_b1, visit=visit_father, on_date=D(2026, 11, 20))
    assert CareRecord.objects.count() == 1


@pytest.mark.parametrize("who", ["viewer_b", "outsider"])
def test_readers_and_outsiders_record_no_visit(request, visit_father, who):
    with pytest.raises(PermissionDenied):
        actions.care_visit_done(
            actor=request.getfixturevalue(who), visit=visit_father, on_date=D(2026, 11, 20)
        )
    assert CareRecord.objects.count() == 0


def test_a_visit_in_the_future_is_refused(visit_father, secretary_a):
    with pytest.raises(ValidationError) as error:
        actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=TOMORROW)
    visit_father.refresh_from_db()
    assert (list(error.value.message_dict), visit_father.status) == (["on_date"], "to_visit")


def test_a_visit_not_needed_leaves_the_planned_count(visit_father, secretary_a):
    actions.care_visit_skip(actor=secretary_a, visit=visit_father, note="已随子女外出")
    campaign = CareCampaign.objects.get()
    assert (campaign.visits_count, CareVisit.objects.get(pk=visit_father.pk).status) == (
        1,
        "not_needed",
    )


def test_a_visit_not_needed_may_still_be_made(visit_father, secretary_a):
    actions.care_visit_skip(actor=secretary_a, visit=visit_father)
    actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=D(2026, 11, 20))
    campaign = CareCampaign.objects.get()
    assert (campaign.visits_count, campaign.done_count) == (2, 1)


def test_a_visit_made_cannot_be_marked_not_needed(visit_father, secretary_a):
    actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=D(2026, 11, 20))
    with pytest.raises(TransitionError):
        actions.care_visit_skip(actor=secretary_a, visit=visit_father)


def record(actor, member, organization, **overrides):
    fields = {"kind": "hospital_visit", "on_date": D(2026, 11, 2), "description": "住院看望"}
    fields.update(overrides)
    return actions.care_record_add(actor=actor, member=member, organization=organization, **fields)


def test_a_care_record_for_a_relative(mobile_a_in_b, secretary_a, tree, family):
    saved = record(secretary_a, mobile_a_in_b, tree.branch_a1, family_member=family["father"])
    assert (saved.member, saved.family_member) == (mobile_a_in_b, family["father"])


def test_the_host_records_care_by_its_own_branch(mobile_a_in_b, receiving_b1, tree):
    assert record(receiving_b1, mobile_a_in_b, tree.branch_b1).organization == tree.branch_b1


def test_another_members_relative_is_refused(mobile_a_in_b, member_a1, secretary_a, tree, family):
    with pytest.raises(ValidationError) as error:
        record(secretary_a, member_a1, tree.branch_a1, family_member=family["father"])
    assert (list(error.value.message_dict), CareRecord.objects.count()) == (["family_member"], 0)


def test_care_in_the_future_is_refused(member_a1, secretary_a, tree):
    with pytest.raises(ValidationError) as error:
        record(secretary_a, member_a1, tree.branch_a1, on_date=TOMORROW)
    assert list(error.value.message_dict) == ["on_date"]


def test_care_without_a_description_is_refused(member_a1, secretary_a, tree):
    with pytest.raises(ValidationError) as error:
        record(secretary_a, member_a1, tree.branch_a1, description=" ")
    assert list(error.value.message_dict) == ["description"]


def test_an_unknown_kind_is_refused(member_a1, secretary_a, tree):
    with pytest.raises(ValidationError) as error:
        record(secretary_a, member_a1, tree.branch_a1, kind="party")
    assert list(error.value.message_dict) == ["kind"]


@pytest.mark.parametrize("who", ["secretary_b", "viewer_b", "outsider"])
def test_only_the_members_managers_add_care(request, member_a1, tree, who):
    with pytest.raises(PermissionDenied):
        record(request.getfixturevalue(who), member_a1, tree.branch_a1)
    assert CareRecord.objects.count() == 0


def test_care_is_given_by_an_organisation_the_actor_writes(member_a1, secretary_a, tree):
    with pytest.raises(PermissionDenied):
        record(secretary_a, member_a1, tree.branch_b1)


def test_a_moved_organiser_takes_its_campaigns_path(campaign_a, tree):
    from members.scoping import scope_paths_repair

    CareCampaign.objects.update(path="0001")
    scope_paths_repair()
    assert CareCampaign.objects.get().path == tree.town_a.path
