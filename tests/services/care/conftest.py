"""Care's world: 李建军 (A1, away, hosted by B1) with his father and daughter at home, 张善强
(A1, at home) with a mother, and a member of B1 away with an elder relative."""

import datetime

import pytest

from members.files import actions as files
from services.care import actions
from tests.factories import make_member, system_user

D = datetime.date


def relative(member, name: str, care_kind: str, relation: str = "父亲"):
    return files.family_member_add(
        actor=system_user(),
        member=member,
        name=name,
        relation=relation,
        age=70 if care_kind == "elder" else 9,
        care_kind=care_kind,
        address="西宁市城东区大街社区",
    )


@pytest.fixture
def family(mobile_a_in_b, member_a1):
    """李建军's father and daughter, and 张善强's mother (he is at home: no visit)."""
    return {
        "father": relative(mobile_a_in_b, "李老爹", "elder"),
        "daughter": relative(mobile_a_in_b, "李小花", "child", "女儿"),
        "mother": relative(member_a1, "张大娘", "elder", "母亲"),
    }


@pytest.fixture
def family_b(tree):
    member = make_member(tree.branch_b1, name="马外出", status="mobile")
    return relative(member, "马奶奶", "elder", "奶奶")


@pytest.fixture
def campaign_a(tree, secretary_a, family, family_b):
    return actions.care_campaign_create(
        actor=secretary_a,
        organization=tree.town_a,
        name="大街春节走访",
        holiday="spring_festival",
        focus="all",
        starts_on=D(2026, 11, 1),
        ends_on=D(2027, 2, 20),
    )


@pytest.fixture
def visit_father(campaign_a, family):
    return campaign_a.visits.get(family_member=family["father"])
