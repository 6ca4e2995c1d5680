import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members.files.models import Member
from members.mobility import actions as letters
from members.mobility import actions as records
from members.mobility.models import MobileRecord, RecordEvent
from members.mobility.selectors import record_side
from members.workflow import TransitionError
from tests.factories import make_external_organization, make_record, registration_fields

pytestmark = pytest.mark.django_db
Status = MobileRecord.Status


@pytest.fixture
def waiting(tree, member_a1):
    """张善强 of branch A1 registered as going to work in town B (城中区)."""
    return make_record(member_a1, inflow_organization=tree.town_b)


def test_outflow_registers_and_submits_to_the_inflow_branch(tree, member_a1, secretary_a):
    record = records.mobile_record_create(
        actor=secretary_a,
        member=member_a1,
        **registration_fields(inflow_organization=tree.town_b),
    )
    assert record.status == Status.DRAFT
    assert record.outflow_organization == tree.branch_a1
    assert record.scope == MobileRecord.Scope.WITHIN_CITY

    record = records.mobile_record_submit(actor=secretary_a, record=record)

    assert record.status == Status.WAITING
    assert record.submitted_at is not None
    member_a1.refresh_from_db()
    assert member_a1.status == Member.Status.MOBILE
    assert list(record.events.values_list("transition", flat=True)) == ["draft", "submit"]


def test_inflow_takes_in_and_fills_its_part(waiting, tree, secretary_b):
    record = records.mobile_record_take_in(
        actor=secretary_b,
        record=waiting,
        taken_in_by=tree.branch_b1,
        inflow_date=datetime.date(2026, 3, 5),
        inflow_contact_person="刘德花",
        inflow_contact_phone="13909719999",
    )

    assert record.status == Status.TAKEN_IN
    assert record.reported_on == datetime.date(2026, 3, 5)
    event = record.events.last()
    assert (event.transition, event.from_status, event.to_status, event.side) == (
        "take_in",
        "waiting",
        "taken_in",
        "inflow",
    )


def test_return_and_resubmit(waiting, tree, secretary_a, secretary_b):
    with pytest.raises(ValidationError):
        records.mobile_record_return(actor=secretary_b, record=waiting, reason=" ")

    record = records.mobile_record_return(
        actor=secretary_b, record=waiting, reason="电话核实不在本辖区"
    )
    assert record.status == Status.RETURNED
    assert record.returned_reason == "电话核实不在本辖区"

    record = records.mobile_record_resubmit(
        actor=secretary_a, record=record, inflow_organization=tree.branch_b1, note="已更正"
    )
    assert record.status == Status.WAITING
    assert record.inflow_organization == tree.branch_b1


@pytest.mark.parametrize(
    ("step", "kwargs"),
    [
        (records.mobile_record_submit, {}),
        (records.mobile_record_resubmit, {}),
        (records.mobile_record_assign_inflow, {}),
    ],
)
def test_invalid_transitions_change_nothing(waiting, secretary_a, step, kwargs):
    before = list(MobileRecord.objects.values())

    with pytest.raises(TransitionError):
        step(actor=secretary_a, record=waiting, **kwargs)

    assert list(MobileRecord.objects.values()) == before
    assert waiting.events.count() == 2


def test_taking_in_twice_is_a_conflict(waiting, tree, secretary_b):
    records.mobile_record_take_in(actor=secretary_b, record=waiting, inflow_contact_person="刘德花")

    with pytest.raises(TransitionError):
        records.mobile_record_take_in(actor=secretary_b, record=waiting, inflow_contact_person="x")


def test_each_side_may_only_make_its_own_moves(
    waiting, secretary_a, secretary_b, viewer_b, outsider
):
    with pytest.raises(PermissionDenied):
        records.mobile_record_take_in(actor=secretary_a, record=waiting, inflow_contact_person="x")
    for actor in (viewer_b, outsider):
        with pytest.raises(PermissionDenied):
            records.mobile_record_take_in(actor=actor, record=waiting, inflow_contact_person="x")
    with pytest.raises(PermissionDenied):
        records.mobile_record_end(actor=outsider, record=waiting, end_reason="returned_home")
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING


def test_the_inflow_side_cannot_change_the_outflow_organisation(waiting, tree, secretary_b):
    with pytest.raises(TypeError):
        records.mobile_record_take_in(
            actor=secretary_b,
            record=waiting,
            inflow_contact_person="x",
            outflow_organization=tree.branch_b1,
        )
    with pytest.raises(ValidationError) as excinfo:
        records.mobile_record_take_in(
            actor=secretary_b, record=waiting, inflow_contact_person="x", taken_in_by=tree.branch_a1
        )
    assert "taken_in_by" in excinfo.value.message_dict


def test_outflow_cannot_edit_after_submitting(waiting, secretary_a):
    with pytest.raises(TransitionError):
        records.mobile_record_update(actor=secretary_a, record=waiting, employer_name="x")


def test_record_without_inflow_then_assigned(tree, member_a1, secretary_a, secretary_b):
    record = make_record(member_a1, actor=secretary_a)
    assert record.status == Status.NO_INFLOW

    record = records.mobile_record_assign_inflow(
        actor=secretary_a, record=record, inflow_organization=tree.town_b
    )
    assert record.status == Status.WAITING
    assert record_side(user=secretary_b, side="inflow").get() == record


def test_the_home_side_neither_takes_in_nor_returns_for_a_host_outside_the_system(
    member_a1, secretary_a
):
    chengdu = make_external_organization()
    record = make_record(member_a1, inflow_external=chengdu, destination_region_code="510107")
    assert record.scope == MobileRecord.Scope.CROSS_PROVINCE

    with pytest.raises(PermissionDenied):
        records.mobile_record_take_in(
            actor=secretary_a, record=record, inflow_contact_person="成都某支部书记"
        )
    with pytest.raises(PermissionDenied):
        records.mobile_record_return(actor=secretary_a, record=record, reason="x")
    record.refresh_from_db()
    assert record.status == Status.WAITING
    assert records.record_steps(secretary_a, record) == [
        "end",
        "letter",
        "co_management",
        "note",
    ]


def test_inflow_side_registers_a_member_from_outside(tree, secretary_a):
    chengdu = make_external_organization()

    record = records.mobile_record_register_inflow(
        actor=secretary_a,
        receiving_organization=tree.town_a,
        outflow_external=chengdu,
        member_fields={
            "name": "廖宏伟",
            "id_number": "510107198803150034",
            "joined_party_on": datetime.date(2012, 6, 1),
            "category": "full",
        },
        **registration_fields(destination_region_code="630102"),
    )
    record = records.mobile_record_take_in(
        actor=secretary_a, record=record, taken_in_by=tree.branch_a1, inflow_contact_person="马慧艳"
    )

    assert record.status == Status.TAKEN_IN
    assert record.member.home_external == chengdu
    assert record.member.organization == tree.town_a
    assert record.scope == MobileRecord.Scope.CROSS_PROVINCE


def test_only_a_draft_is_deleted(waiting, tree, member_b1, secretary_a, secretary_b):
    assert "delete" not in records.record_steps(secretary_a, waiting)
    with pytest.raises(TransitionError):
        records.mobile_record_delete(actor=secretary_a, record=waiting)
    assert MobileRecord.objects.get() == waiting

    draft = make_record(member_b1, submit=False, inflow_organization=tree.town_a)
    assert "delete" in records.record_steps(secretary_b, draft)
    records.mobile_record_delete(actor=secretary_b, record=draft)
    assert not MobileRecord.objects.filter(pk=draft.pk).exists()


def test_a_waiting_registration_with_a_letter_is_refused_not_a_crash(client, waiting, secretary_a):
    letters.letter_issue(actor=secretary_a, record=waiting, suggestions_for_inflow="x")
    client.force_login(secretary_a)

    page = client.post(reverse("records:step", args=[waiting.pk, "delete"]), follow=True)
    api = client.delete(f"/api/v1/records/{waiting.pk}/")

    assert "只有草稿可以删除" in page.content.decode()
    assert (api.status_code, api.json()["detail"]) == (
        409,
        "只有草稿可以删除；已提交的登记请结束。",
    )
    assert MobileRecord.objects.filter(pk=waiting.pk).exists()


def test_ending_updates_the_member_and_moving_on_continues_the_path(
    waiting, secretary_a, member_a1
):
    records.mobile_record_end(actor=secretary_a, record=waiting, end_reason="moved_on")
    member_a1.refresh_from_db()
    assert member_a1.status == Member.Status.MOBILE

    following = make_record(member_a1, submit=False)
    assert following.previous == waiting

    following = records.mobile_record_submit(actor=secretary_a, record=following)
    records.mobile_record_end(actor=secretary_a, record=following, end_reason="returned_home")
    member_a1.refresh_from_db()
    assert member_a1.status == Member.Status.ACTIVE


def test_one_open_record_per_member(waiting, member_a1):
    with pytest.raises(ValidationError):
        make_record(member_a1, submit=False)


def test_co_management_and_notes_from_either_side(waiting, secretary_a, secretary_b):
    records.mobile_record_set_co_management(
        actor=secretary_b, record=waiting, co_management_measures="每月与用工单位通报一次"
    )
    records.mobile_record_add_note(actor=secretary_a, record=waiting, text="已电话联系本人")

    notes = waiting.events.filter(kind=RecordEvent.Kind.NOTE).order_by("id")
    assert [(n.side, n.actor) for n in notes][-2:] == [
        ("inflow", secretary_b),
        ("outflow", secretary_a),
    ]
    waiting.refresh_from_db()
    assert waiting.co_management_measures == "每月与用工单位通报一次"


def test_record_visibility_across_sides(
    waiting, secretary_a, secretary_b, viewer_b, outsider, officer_a1
):
    for user in (secretary_a, secretary_b, viewer_b, officer_a1):
        assert list(MobileRecord.objects.visible_to(user)) == [waiting]
    assert not MobileRecord.objects.visible_to(outsider).exists()
    assert list(record_side(user=secretary_b, side="inflow")) == [waiting]
    assert not record_side(user=secretary_a, side="inflow").exists()


def test_letters_are_numbered_per_committee_and_year(waiting, tree, member_a1, secretary_a):
    first = letters.letter_issue(
        actor=secretary_a,
        record=waiting,
        suggestions_for_inflow="请督促其按时参加组织生活",
        suggestions_for_employer="请支持党员亮身份",
        dues_paid_to=datetime.date(2026, 6, 15),
    )
    second = letters.letter_issue(actor=secretary_a, record=waiting, suggestions_for_inflow="补开")

    assert first.committee == tree.town_a
    assert (first.serial, second.serial) == (1, 2)
    assert first.number.endswith("-0001")
    assert first.dues_paid_to == datetime.date(2026, 6, 1)
    assert first.verification_code != second.verification_code


def test_letter_needs_suggestions_and_a_submitted_record(tree, member_a1, secretary_a):
    draft = make_record(member_a1, submit=False, inflow_organization=tree.town_b)
    with pytest.raises(TransitionError):
        letters.letter_issue(actor=secretary_a, record=draft, suggestions_for_inflow="x")
    waiting = records.mobile_record_submit(actor=secretary_a, record=draft)
    with pytest.raises(ValidationError) as excinfo:
        letters.letter_issue(actor=secretary_a, record=waiting, suggestions_for_inflow="")
    assert set(excinfo.value.message_dict) == {"suggestions_for_inflow"}


def test_return_slip(waiting, secretary_a, secretary_b):
    letter = letters.letter_issue(actor=secretary_a, record=waiting, suggestions_for_inflow="x")

    letters.letter_record_return_slip(actor=secretary_b, letter=letter)
    letter.refresh_from_db()

    assert letter.return_slip_received_at is not None


def test_the_receiving_branch_acts_for_the_inflow_side(waiting, tree, secretary_b):
    from tests.factories import UserFactory, assign

    branch_secretary = UserFactory(username="branch_b1", full_name="流动党员党支部书记")
    assign(branch_secretary, tree.branch_b1, "secretary")
    assert not record_side(user=branch_secretary, side="inflow").exists()

    records.mobile_record_take_in(
        actor=secretary_b, record=waiting, taken_in_by=tree.branch_b1, inflow_contact_person="x"
    )

    assert list(record_side(user=branch_secretary, side="inflow")) == [waiting]
    assert list(MobileRecord.objects.visible_to(branch_secretary)) == [waiting]
    event = records.mobile_record_add_note(actor=branch_secretary, record=waiting, text="已编入")
    assert event.side == "inflow"
