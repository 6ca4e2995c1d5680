"""A small known world for the dashboard: three mobile members of 城中区 (南滩), two of 城东区
(大街) hosted in 南滩, a service request in each district, study hours in 南滩."""

from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from education.audience import Audience
from education.hours.actions import hours_credit
from education.packages import actions as packages
from members.mobility.actions import mobile_record_end
from services.cases import actions as cases
from tests.factories import make_member, make_record, system_user


def _case(actor, organization, member, category):
    return cases.case_file(
        actor=actor,
        organization=organization,
        members=[member],
        category=category,
        title="拖欠工资",
        description="工地拖欠工人工资",
    )


@pytest.fixture
def world(tree, secretary_a, secretary_b):
    today = timezone.localdate()
    b_members = [make_member(tree.branch_b1, name=name) for name in ("肖双强", "马建国", "韩梅")]
    b_members[0].joined_party_on = today.replace(year=today.year - 12)
    b_members[0].join_anniversary = today.month * 100 + today.day
    b_members[0].save(update_fields=["joined_party_on", "join_anniversary"])
    b_records = [
        make_record(member, destination_region_code=code, departure_date=today)
        for member, code in zip(b_members, ("440305", "320505", "440106"), strict=True)
    ]
    a_members = [make_member(tree.branch_a1, name=name) for name in ("张善强", "李建军")]
    a_records = [
        make_record(member, inflow_organization=tree.town_b, destination_region_code="630103")
        for member in a_members
    ]
    mobile_record_end(actor=system_user(), record=b_records[2], end_reason="returned_home")
    for member, hours in zip(b_members, ("5", "20", "20"), strict=True):
        _credit(member, Decimal(hours), source_id=1)
    _credit(b_members[2], Decimal("20"), source_id=2)  # 40 hours in all
    _send_parcels(secretary_a, tree.town_a, a_members)
    case_b = _case(secretary_b, tree.town_b, b_members[0], "unpaid_wages")
    case_a = _case(secretary_a, tree.town_a, a_members[0], "policy")
    return SimpleNamespace(
        b_members=b_members, b_records=b_records, a_records=a_records, case_b=case_b, case_a=case_a
    )


def _send_parcels(secretary, town, members):
    """大街 mails a study package to its members; one parcel is on the road."""
    package = packages.package_create(
        actor=secretary, organization=town, name="学习礼包", items=[("党章", 1)]
    )
    dispatch = packages.dispatch_create(
        actor=secretary,
        package=package,
        title="礼包寄送",
        audience=Audience(organization=town, mobile_only=False),
    )
    packages.shipment_send(
        actor=secretary,
        shipment=dispatch.shipments.get(member=members[0]),
        courier="中国邮政",
        tracking_number="9876543210123",
    )


def _credit(member, hours, *, source_id):
    hours_credit(
        member_ids=[member.pk],
        source="other",
        source_id=source_id,
        hours=hours,
        studied_on=timezone.localdate(),
        description="集中学习",
    )


def rows_on(client, url: str) -> int:
    """How many rows the list page at ``url`` shows (every list here fits on one page)."""
    response = client.get(url)
    assert response.status_code == 200, url
    context, path = response.context, urlsplit(url).path
    if path in ("/records/", "/records/inbox/", "/management/warnings/"):
        return len(context["records"])
    if path == "/services/cases/":
        return len(context["page"].items)
    if path == "/services/needs/":
        return sum(totals.asked for _round, totals in context["rows"])
    if path == "/education/packages/":
        return sum(progress.sent - progress.received for _d, progress in context["rows"])
    raise AssertionError(f"no row counter for {url}")
