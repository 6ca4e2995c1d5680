"""Every scope condition is an index condition (PostgreSQL): with sequential scans priced out,
the planner must still find an index path into each scoped table — an OR across joins finds
none, and comes back as a sequential scan."""

import pytest
from django.apps import apps
from django.db import connection

from members.files.models import FamilyMember, IdNumberReveal, Member
from members.followup.models import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)
from members.mobility.models import IntroductionLetter, MobileRecord
from members.organizations.models import Assignment, Organization, User
from members.orglife.models import Activity, Attendance
from members.outbox.models import MessageTemplate, Notification
from members.scoping import scope_paths

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="plans of PostgreSQL (CI)"),
]

MANAGEMENT_CHAIN = [
    Organization,
    Member,
    FamilyMember,
    IdNumberReveal,
    MobileRecord,
    IntroductionLetter,
    ContactLog,
    LostContactMark,
    DuesRate,
    DuesPayment,
    ActivityCardReview,
    AssignedWork,
    Activity,
    Attendance,
    Notification,
    MessageTemplate,
    Assignment,
    User,
]
# Every model read through ``visible_to``, of all three chains: a new one is checked unasked.
SCOPED = sorted(
    (m for m in apps.get_models() if hasattr(m._default_manager, "visible_to")),
    key=lambda model: model._meta.label,
)


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_the_management_chains_models_are_among_those_checked():
    assert set(MANAGEMENT_CHAIN) <= set(SCOPED)


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("for_write", [False, True], ids=["read", "write"])
def test_scope_condition_uses_an_index(model, for_write, secretary_a, away):
    rows = model._default_manager.visible_to(secretary_a, for_write=for_write)

    plan = _plan(rows)

    assert f"Seq Scan on {model._meta.db_table} " not in plan + " ", plan


def test_hosted_records_and_members_by_index(receiving_b1, away):
    paths = scope_paths(receiving_b1)

    record_plan = _plan(MobileRecord.objects.hosted_in(paths))
    member_plan = _plan(Member.objects.filter(host_path__startswith=paths[0]))

    assert "record_host_path" in record_plan
    assert "member_host_path" in member_plan


def test_two_character_names_are_found_through_the_bigram_index(superuser, member_a1):
    from members.files.selectors import MemberFilters, member_search

    found = member_search(user=superuser, filters=MemberFilters(q=member_a1.name[:2]))

    assert list(found) == [member_a1]
    assert "member_name_bigrams" in _plan(found)
