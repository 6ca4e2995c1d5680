import datetime

import pytest

from services.needs import actions

MONTH = datetime.date(2026, 11, 1)


@pytest.fixture
def away_b(tree):
    """马外出 of 南滩流动党员党支部 (B1), away in Chengdu: an outflow member of B1."""
    from tests.factories import make_external_organization, make_member, make_record

    member = make_member(tree.branch_b1, name="马外出")
    make_record(member, inflow_external=make_external_organization())
    member.refresh_from_db()
    return member


@pytest.fixture
def opened(tree, secretary_a, secretary_b, mobile_a_in_b, away_b, member_a1, member_b1):
    """November's rounds opened for towns A and B: A1 (李建军 at home), B1 (马外出 away,
    李建军 taken in)."""
    actions.needs_rounds_open(actor=secretary_a, organization=tree.town_a, month=MONTH)
    actions.needs_rounds_open(actor=secretary_b, organization=tree.town_b, month=MONTH)
    return MONTH
