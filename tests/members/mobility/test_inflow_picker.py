"""The inflow organisation is searched for by name: pages never list every organisation."""

import re

import pytest
from django.urls import reverse

from members.mobility.forms import InflowChoice
from members.mobility.models import MobileRecord
from members.organizations.models import Organization
from tests.factories import make_organization, make_record, registration_fields

pytestmark = pytest.mark.django_db

# Organisation ids; six digits are the region picker's division codes.
ORGANISATION_OPTION = re.compile(r'<option value="(?!\d{6}")\d+"')


def many_organisations(parent, count=30):
    for number in range(count):
        make_organization(f"第{number}党支部", parent=parent)


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_registration_page_lists_no_organisation(client, tree, member_a1, secretary_a):
    client.force_login(secretary_a)

    html = page(client.get(reverse("records:create", args=[member_a1.pk])))

    assert ORGANISATION_OPTION.findall(html) == []
    assert 'name="inflow_organization" value=""' in html


def test_registration_page_queries_do_not_grow_with_the_tree(
    client, tree, member_a1, secretary_a, django_assert_max_num_queries
):
    client.force_login(secretary_a)
    url = reverse("records:create", args=[member_a1.pk])
    with django_assert_max_num_queries(30) as small:
        page(client.get(url))
    many_organisations(tree.town_b)

    with django_assert_max_num_queries(len(small.captured_queries)):
        page(client.get(url))


def test_editing_shows_the_chosen_organisation_and_its_path(
    client, tree, member_a1, secretary_a, django_assert_max_num_queries
):
    record = make_record(member_a1, submit=False, inflow_organization=tree.branch_b1)
    client.force_login(secretary_a)
    url = reverse("records:edit", args=[record.pk])
    with django_assert_max_num_queries(40) as small:
        page(client.get(url))
    many_organisations(tree.town_b)

    with django_assert_max_num_queries(len(small.captured_queries)):
        html = page(client.get(url))

    assert ORGANISATION_OPTION.findall(html) == []
    assert f'name="inflow_organization" value="{tree.branch_b1.pk}"' in html
    assert 'value="南滩街道流动党员党支部"' in html
    assert "中共西宁市城中区委 / 南滩街道党工委" in html


def test_an_organisation_outside_the_secretarys_scope_may_receive_the_member(
    client, tree, member_a1, secretary_a
):
    assert not Organization.objects.visible_to(secretary_a).filter(pk=tree.branch_b1.pk).exists()
    client.force_login(secretary_a)
    data = registration_fields(departure_date="2026-03-01", inflow_target="system")
    data["inflow_organization"] = tree.branch_b1.pk

    client.post(reverse("records:create", args=[member_a1.pk]), data)

    assert MobileRecord.objects.get().inflow_organization == tree.branch_b1


def test_the_assign_inflow_step_searches_instead_of_listing(client, tree, member_a1, secretary_a):
    record = make_record(member_a1)  # registered without an inflow organisation
    client.force_login(secretary_a)
    url = reverse("records:step", args=[record.pk, "assign_inflow"])

    html = page(client.get(url))
    client.post(url, {"inflow_target": "system", "inflow_organization": tree.branch_b1.pk})

    assert ORGANISATION_OPTION.findall(html) == []
    assert "data-org-picker" in html
    record.refresh_from_db()
    assert (record.status, record.inflow_organization) == ("waiting", tree.branch_b1)


def test_the_picker_reads_no_organisation_until_one_is_chosen(tree, django_assert_num_queries):
    with django_assert_num_queries(0):
        str(InflowChoice()["inflow_organization"])


def test_a_chosen_organisation_costs_two_queries_whatever_the_tree(tree, django_assert_num_queries):
    many_organisations(tree.town_b)
    form = InflowChoice(initial={"inflow_organization": tree.branch_b1.pk})

    with django_assert_num_queries(2):  # the organisation, then its ancestors' names
        html = str(form["inflow_organization"])

    assert "中共西宁市城中区委 / 南滩街道党工委" in html
