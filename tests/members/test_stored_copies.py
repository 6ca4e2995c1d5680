"""Scope paths and warning facts kept on rows: the actions keep them as the repair would."""

import datetime
from decimal import Decimal

import pytest

from members.files.actions import member_update
from members.files.models import Member
from members.followup import actions as management
from members.followup.actions import stored_copies_repair
from members.mobility import actions as records
from members.mobility.models import MobileRecord
from members.mobility.models.records import CACHED_FIELDS
from members.organizations.actions import organization_move
from members.scoping import scope_paths
from tests.factories import make_member, make_record, system_user

pytestmark = pytest.mark.django_db
D = datetime.date


def _copies() -> dict:
    rows = MobileRecord.objects.order_by("pk").values("pk", *CACHED_FIELDS)
    members = Member.objects.order_by("pk").values_list("pk", "host_path")
    return {"records": list(rows), "members": list(members)}


@pytest.fixture
def lived_in(tree, away, secretary_a, secretary_b):
    """Records in several states, with contacts, dues, work and a lost-contact mark."""
    draft = make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b, submit=False)
    waiting = make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    returned = make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    records.mobile_record_return(actor=secretary_b, record=returned, reason="不在本地")
    management.contact_record(
        actor=secretary_b,
        member=away.member,
        channel="phone",
        contacted_on=D(2026, 5, 1),
        reached=True,
    )
    management.dues_payment_record(
        actor=secretary_a,
        member=away.member,
        amount=Decimal("5"),
        period_from=D(2026, 5, 1),
        period_to=D(2026, 5, 1),
        paid_on=D(2026, 5, 3),
    )
    management.assigned_work_add(
        actor=secretary_a, member=away.member, description="宣讲", assigned_on=D(2026, 5, 2)
    )
    management.lost_contact_mark(actor=secretary_a, member=waiting.member, marked_on=D(2026, 6, 1))
    management.card_review_record(
        actor=secretary_a,
        member=away.member,
        year=2025,
        result="passed",
        reviewed_on=D(2026, 1, 10),
    )
    return {"draft": draft, "waiting": waiting, "returned": returned, "away": away}


def test_the_actions_keep_every_copy_as_the_repair_computes_it(lived_in):
    kept = _copies()

    repaired = stored_copies_repair()

    assert _copies() == kept
    assert repaired["paths"] == 0  # nothing the actions left needed rewriting
    away = MobileRecord.objects.get(pk=lived_in["away"].pk)
    assert (away.last_contact_on, away.paid_to, away.work_until) == (
        D(2026, 5, 1),
        D(2026, 5, 1),
        D(9999, 12, 31),
    )


def test_a_card_review_is_kept_on_the_record(lived_in):
    lived_in["away"].refresh_from_db()
    assert lived_in["away"].reviewed_to == 2025


def test_paths_follow_the_host(tree, lived_in):
    stored = {key: MobileRecord.objects.get(pk=r.pk) for key, r in lived_in.items()}

    assert stored["draft"].host_path == ""
    assert stored["waiting"].host_path == tree.town_b.path
    assert stored["returned"].host_path == ""
    assert stored["away"].host_path == tree.branch_b1.path
    assert {r.home_path for r in stored.values()} == {tree.branch_a1.path}
    assert Member.objects.get(pk=lived_in["away"].member_id).host_path == tree.branch_b1.path


def test_a_moved_subtree_takes_its_hosted_members_along(tree, away, secretary_a):
    """南滩流动党员党支部 moves under 大街街道党工委: its hosted members move into A's view."""
    organization_move(actor=system_user(), organization=tree.branch_b1, parent=tree.town_a)
    tree.branch_b1.refresh_from_db()
    secretary_a.__dict__.pop("_sanlian_scope_paths", None)

    record = MobileRecord.objects.get(pk=away.pk)
    assert record.host_path == tree.branch_b1.path
    assert Member.objects.get(pk=away.member_id).host_path == tree.branch_b1.path
    assert list(MobileRecord.objects.hosted_in(scope_paths(secretary_a))) == [record]


def test_a_moved_file_takes_its_records_along(tree, away):
    member_update(actor=system_user(), member=away.member, organization=tree.town_a)

    assert MobileRecord.objects.get(pk=away.pk).home_path == tree.town_a.path
