"""A small world of known registrations for the statistics table.

Town A's branch A1 has eight members away, one in each occupation, going to known unit types
and places (the expected cells are spelled out in test_table.py), plus a draft, a period that
ended and a member who came from outside the system; town B's mobile branch B1 has one member
away and has taken in a member of A1.
"""

import datetime
from types import SimpleNamespace

import pytest

from members.mobility.actions import mobile_record_end, mobile_record_take_in
from tests.factories import (
    make_external_organization,
    make_member,
    make_organization,
    make_record,
    system_user,
)

D = datetime.date
CHENGDU, LEDU, CHENGZHONG = "510107", "632102", "630103"  # cross-province, province, city
# (occupation, unit type, destination, card number) of A1's eight members away.
A1_AWAY = [
    ("farmer", "private_enterprise", CHENGDU, "QH-0001"),
    ("public_staff", "state_enterprise", LEDU, ""),
    ("skilled_worker", "talent_centre", CHENGZHONG, ""),
    ("graduate", "public_hmt_enterprise", CHENGDU, ""),
    ("lawyer", "hmt_enterprise", CHENGZHONG, ""),
    ("accountant", "unknown", LEDU, "QH-0002"),
    ("other", "village", CHENGZHONG, ""),
    ("intermediary", "institution", CHENGZHONG, ""),
]


def away(organization, occupation="farmer", unit_type="private_enterprise", **fields):
    fields.setdefault("destination_region_code", CHENGZHONG)
    fields.setdefault("departure_date", D(2024, 3, 1))
    member = make_member(organization)
    return make_record(member, original_occupation=occupation, unit_type=unit_type, **fields)


@pytest.fixture
def world(tree):
    actor = system_user()
    records = [
        away(
            tree.branch_a1,
            occupation,
            unit_type,
            destination_region_code=destination,
            activity_card_number=card,
        )
        for occupation, unit_type, destination, card in A1_AWAY
    ]
    make_record(make_member(tree.branch_a1), submit=False)  # a draft: not registered
    ended = away(tree.branch_a1, "lawyer", "state_organ")
    mobile_record_end(actor=actor, record=ended, end_reason="returned_home", ended_on=D(2025, 5, 1))
    b_away = away(tree.branch_b1, "farmer", "individual")
    # A member of A1 taken in by B1: away from A (a ninth A1 member) and received by B1.
    taken = away(tree.branch_a1, "farmer", "individual", inflow_organization=tree.branch_b1)
    mobile_record_take_in(
        actor=actor,
        record=taken,
        taken_in_by=tree.branch_b1,
        inflow_date=D(2024, 4, 1),
        inflow_contact_person="刘德花",
    )
    return SimpleNamespace(tree=tree, records=records, ended=ended, b_away=b_away, taken=taken)


@pytest.fixture
def arrival(tree):
    """A member from Chengdu registered by B1 (no home side in the system): not an outflow."""
    from members.mobility.actions import mobile_record_register_inflow
    from tests.factories import registration_fields

    return mobile_record_register_inflow(
        actor=system_user(),
        receiving_organization=tree.branch_b1,
        outflow_external=make_external_organization(),
        member=make_member(tree.branch_b1, name="廖宏伟"),
        **registration_fields(destination_region_code=CHENGZHONG),
    )


@pytest.fixture
def mobile_committee(tree):
    return make_organization(
        "南滩街道流动党员党委", parent=tree.town_b, kind="committee", for_mobile_members=True
    )
