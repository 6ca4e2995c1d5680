"""The organisation tree browser and organisation page."""

import pytest
from django.urls import reverse

from tests.factories import make_organization

pytestmark = pytest.mark.django_db

TREE = reverse("organizations:tree")


def shown_ids(response) -> set[int]:
    def walk(entries):
        for entry in entries:
            yield entry["node"].pk
            yield from walk(entry["children"])

    assert response.status_code == 200
    return set(walk(response.context["roots"]))


def test_secretary_sees_her_subtree_only(client, secretary_a, tree):
    client.force_login(secretary_a)

    response = client.get(TREE)

    assert shown_ids(response) == {tree.town_a.pk, tree.branch_a1.pk}
    page = response.content.decode()
    assert f'href="{reverse("members:member_list")}?organization={tree.branch_a1.pk}"' in page


def test_superuser_sees_the_whole_tree_nested(client, superuser, tree):
    client.force_login(superuser)

    response = client.get(TREE)

    [city] = response.context["roots"]
    assert city["node"] == tree.city
    assert {c["node"] for c in city["children"]} == {tree.county_a, tree.county_b}
    assert len(shown_ids(response)) == 7


def test_deep_trees_open_lower_down_by_root(client, secretary_a, tree):
    village = make_organization("深层支部", parent=tree.branch_a1)
    deeper = [make_organization("一级", parent=village)]
    deeper.append(make_organization("二级", parent=deeper[0]))
    client.force_login(secretary_a)

    top = shown_ids(client.get(TREE))
    lower = shown_ids(client.get(TREE, {"root": village.pk}))

    assert deeper[1].pk not in top, "only four levels open at once"
    assert {village.pk, *(o.pk for o in deeper)} <= lower


def test_root_outside_the_scope_is_404(client, secretary_a, tree):
    client.force_login(secretary_a)

    assert client.get(TREE, {"root": tree.county_b.pk}).status_code == 404


def test_outsider_gets_an_empty_tree(client, outsider, tree):
    client.force_login(outsider)

    response = client.get(TREE)

    assert shown_ids(response) == set()
    assert "empty-state" in response.content.decode()


def test_organisation_page_lists_children_and_visible_ancestors(client, secretary_a, tree):
    client.force_login(secretary_a)

    response = client.get(tree.branch_a1.get_absolute_url())

    assert list(response.context["ancestors"]) == [tree.town_a]
    assert list(client.get(tree.town_a.get_absolute_url()).context["children"]) == [tree.branch_a1]
    assert response.context["can_write"] is True


def test_viewer_sees_the_organisation_without_write_links(client, viewer_b, tree):
    client.force_login(viewer_b)

    response = client.get(tree.branch_b1.get_absolute_url())

    assert response.context["can_write"] is False
    assert reverse("members:member_create") not in response.content.decode()
