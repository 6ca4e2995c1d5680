"""Organisations set up for mobile members: a mobile branch always is, others by choice."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from members.organizations.actions import organization_update
from members.organizations.models import Organization
from tests.factories import make_organization, system_user

pytestmark = pytest.mark.django_db


def test_a_new_mobile_branch_is_set_up_for_mobile_members(tree):
    assert tree.branch_b1.for_mobile_members is True


def test_an_ordinary_branch_is_not(tree):
    assert tree.branch_a1.for_mobile_members is False


def test_a_branch_becoming_a_mobile_branch_is_set_up_for_mobile_members(tree):
    organization_update(actor=system_user(), organization=tree.branch_a1, kind="mobile_branch")
    tree.branch_a1.refresh_from_db()
    assert tree.branch_a1.for_mobile_members is True


def test_a_mobile_branch_cannot_be_unmarked(tree):
    organization_update(actor=system_user(), organization=tree.branch_b1, for_mobile_members=False)
    tree.branch_b1.refresh_from_db()
    assert tree.branch_b1.for_mobile_members is True


def test_a_committee_may_be_set_up_for_mobile_members(tree):
    committee = make_organization(
        "流动党员党委", parent=tree.town_b, kind="committee", for_mobile_members=True
    )
    assert committee.for_mobile_members is True


def test_the_database_refuses_an_unmarked_mobile_branch(tree):
    with pytest.raises(IntegrityError):
        Organization.objects.filter(pk=tree.branch_b1.pk).update(for_mobile_members=False)


def test_the_model_check_names_the_rule(tree):
    tree.branch_b1.for_mobile_members = False
    with pytest.raises(ValidationError):
        tree.branch_b1.full_clean()


def test_the_admin_form_offers_the_choice(client, tree, superuser):
    client.force_login(superuser)
    html = client.get(f"/admin/members/organization/{tree.town_b.pk}/change/").content.decode()
    assert 'name="for_mobile_members"' in html
