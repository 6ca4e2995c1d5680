"""The organisation lookup behind the picker: names of the whole tree, a few at a time."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from members.organizations import views
from tests.factories import make_organization

pytestmark = pytest.mark.django_db

LOOKUP = reverse("organizations:lookup")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()


def results(client, text) -> list[dict]:
    response = client.get(LOOKUP, {"q": text})
    assert response.status_code == 200
    return response.json()["results"]


def test_names_anywhere_in_the_tree_come_with_their_ancestors(client, secretary_a, tree):
    client.force_login(secretary_a)  # her subtree is town A; the branch is in town B

    found = results(client, "流动党员")

    assert found == [
        {
            "id": tree.branch_b1.pk,
            "name": "南滩街道流动党员党支部",
            "path_names": "中共西宁市城中区委 / 南滩街道党工委",
        }
    ]


def test_branches_of_one_name_differ_by_their_path(client, secretary_a, tree):
    make_organization("第一党支部", parent=tree.town_a)
    make_organization("第一党支部", parent=tree.town_b)
    client.force_login(secretary_a)

    paths = {result["path_names"] for result in results(client, "第一党支部")}

    assert paths == {
        "中共西宁市城东区委 / 大街街道党工委",
        "中共西宁市城中区委 / 南滩街道党工委",
    }


def test_the_root_has_no_path_and_shortest_names_come_first(client, secretary_a, tree):
    client.force_login(secretary_a)

    found = results(client, "西宁市")

    assert [(r["name"], r["path_names"]) for r in found] == [
        ("中共西宁市委", ""),
        ("中共西宁市城东区委", ""),
        ("中共西宁市城中区委", ""),
    ]


def test_at_most_twenty_come_back(client, secretary_a, tree):
    for number in range(25):
        make_organization(f"第{number}网格党支部", parent=tree.branch_a1)
    client.force_login(secretary_a)

    assert len(results(client, "网格党支部")) == 20


def test_queries_do_not_grow_with_the_answers(
    client, secretary_a, tree, django_assert_max_num_queries
):
    client.force_login(secretary_a)
    with django_assert_max_num_queries(8) as one:
        results(client, "流动党员")
    for number in range(25):
        parent = make_organization(f"第{number}流动党员联络站", parent=tree.town_b)
        make_organization(f"第{number}流动党员党小组", parent=parent)

    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(results(client, "流动党员")) == 20


def test_anonymous_is_sent_to_sign_in(client, tree):
    response = client.get(LOOKUP, {"q": "南滩"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_without_a_role_is_refused(client, outsider, tree):
    client.force_login(outsider)

    assert client.get(LOOKUP, {"q": "南滩"}).status_code == 403


@pytest.mark.parametrize("text", ["", "南", " 南 "])
def test_fewer_than_two_characters_are_refused_in_chinese(client, secretary_a, text):
    client.force_login(secretary_a)

    response = client.get(LOOKUP, {"q": text})

    assert response.status_code == 400
    assert response.json() == {"error": "请至少输入2个字。"}


def test_too_many_searches_are_refused_per_user(client, secretary_a, secretary_b, monkeypatch):
    monkeypatch.setattr(views, "LOOKUP_RATE", "2/m")
    client.force_login(secretary_a)
    answers = [client.get(LOOKUP, {"q": "南滩"}).status_code for _ in range(3)]
    client.force_login(secretary_b)

    assert answers == [200, 200, 429]
    assert client.get(LOOKUP, {"q": "南滩"}).status_code == 200, "another user is not held back"


def test_the_refusal_says_why_in_chinese(client, secretary_a, monkeypatch):
    monkeypatch.setattr(views, "LOOKUP_RATE", "1/m")
    client.force_login(secretary_a)
    client.get(LOOKUP, {"q": "南滩"})

    response = client.get(LOOKUP, {"q": "南滩"})

    assert response.json() == {"error": "查找太频繁，请稍后再试。"}
