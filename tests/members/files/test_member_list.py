"""Search, filters, sort and keyset pagination of the member list, and its query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.files import crypto
from tests.factories import chinese_numerals, make_member, make_organization

pytestmark = pytest.mark.django_db

LIST = reverse("members:member_list")


@pytest.fixture
def wang(tree):
    return make_member(
        tree.branch_a1, name="王秀玲", gender="F", birth_date=datetime.date(1990, 4, 8)
    )


@pytest.fixture
def signed_in(client, secretary_a):
    client.force_login(secretary_a)
    return client


def names(response) -> list[str]:
    assert response.status_code == 200
    return [member.name for member in response.context["page"].items]


@pytest.mark.parametrize("q", ["wxl", "WXL", "wx", "秀玲", "王秀", "王"])
def test_search_by_name_fragment_or_pinyin_initials(signed_in, wang, member_a1, q):
    assert names(signed_in.get(LIST, {"q": q})) == ["王秀玲"]


def test_one_character_is_searched_as_a_surname(signed_in, wang):
    # A single character cannot use the trigram index; as a surname it uses the prefix index.
    assert names(signed_in.get(LIST, {"q": "玲"})) == []


def test_search_by_exact_id_number(signed_in, wang, member_a1):
    number = crypto.decrypt(wang.id_number_encrypted)

    assert names(signed_in.get(LIST, {"q": number})) == ["王秀玲"]
    assert names(signed_in.get(LIST, {"q": number.lower()})) == ["王秀玲"]
    # A fragment of the number finds nothing: only the full number is searchable.
    assert names(signed_in.get(LIST, {"q": number[:10]})) == []


def test_search_stays_inside_the_scope(client, secretary_b, wang):
    client.force_login(secretary_b)

    assert names(client.get(LIST, {"q": "wxl"})) == []


def test_empty_result_shows_the_empty_state(signed_in, wang):
    response = signed_in.get(LIST, {"q": "没有这个人"})

    assert names(response) == []
    assert 'class="card empty-state"' in response.content.decode()


@pytest.fixture
def varied(tree):
    """Members of town A differing in one attribute each, and one in town B."""
    branch_a2 = make_organization("大街第二党支部", parent=tree.town_a)
    return {
        "mobile": make_member(tree.branch_a1, name="流动甲", status="mobile"),
        "probationary": make_member(tree.branch_a1, name="预备乙", category="probationary"),
        "female": make_member(tree.branch_a1, name="女党员丙", gender="F"),
        "young": make_member(
            tree.branch_a1,
            name="青年丁",
            birth_date=timezone.localdate() - datetime.timedelta(days=25 * 365),
            joined_party_on=timezone.localdate() - datetime.timedelta(days=2 * 365),
        ),
        "old": make_member(branch_a2, name="老党员戊", birth_date=datetime.date(1950, 1, 1)),
        "other_town": make_member(tree.branch_b1, name="城中己", status="mobile"),
        "branch_a2": branch_a2,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "mobile"}, {"流动甲"}),
        ({"category": "probationary"}, {"预备乙"}),
        ({"gender": "F"}, {"女党员丙"}),
        ({"age_band": "under30"}, {"青年丁"}),
        ({"age_band": "over60"}, {"老党员戊"}),
        ({"age_band": "30to45"}, {"流动甲", "预备乙", "女党员丙"}),
        ({"status": "mobile", "gender": "F"}, set()),
    ],
)
def test_each_filter(signed_in, varied, params, expected):
    assert set(names(signed_in.get(LIST, params))) == expected


def test_organisation_filter_covers_its_subtree(signed_in, tree, varied):
    assert set(names(signed_in.get(LIST, {"organization": varied["branch_a2"].pk}))) == {"老党员戊"}
    assert len(names(signed_in.get(LIST, {"organization": tree.town_a.pk}))) == 5


def test_organisation_outside_the_scope_is_ignored_not_leaked(signed_in, tree, varied):
    shown = names(signed_in.get(LIST, {"organization": tree.branch_b1.pk}))

    assert "城中己" not in shown


def test_invalid_filter_values_are_ignored(signed_in, varied):
    response = signed_in.get(LIST, {"status": "nonsense", "sort": "password", "size": "x"})

    assert len(names(response)) == 5


@pytest.fixture
def sixty(tree):
    """Sixty members with repeating names and join dates, so ties must be broken by id."""
    surnames = "赵钱孙李周吴郑王"
    return [
        make_member(
            tree.branch_a1,
            name=f"{surnames[i % 8]}{'一二三'[i % 3]}",
            joined_party_on=datetime.date(2010 + i % 5, 7, 1),
        )
        for i in range(60)
    ]


def _walk(client, params, *, size) -> tuple[list[int], list[str]]:
    """Follow "next page" to the end, then "previous page" back to the start."""
    forward, pages, cursor = [], [], ""
    while True:
        page = client.get(LIST, {**params, "size": size, "cursor": cursor}).context["page"]
        forward += [m.pk for m in page.items]
        pages.append([m.pk for m in page.items])
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    backward = [page.items[0].pk]
    cursor = page.previous_cursor
    while cursor:
        page = client.get(LIST, {**params, "size": size, "cursor": cursor}).context["page"]
        backward.insert(0, page.items[0].pk)
        cursor = page.previous_cursor
    return forward, pages, backward


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("-id", lambda m: -m.pk),
        ("name", lambda m: (m.name, m.pk)),
        ("joined_party_on", lambda m: (m.joined_party_on, m.pk)),
    ],
)
def test_keyset_pagination_walks_every_member_once_in_order(signed_in, sixty, sort, key):
    forward, pages, backward = _walk(signed_in, {"sort": sort}, size=7)

    assert len(forward) == len(set(forward)) == 60
    assert forward == [m.pk for m in sorted(sixty, key=key)]
    assert [len(p) for p in pages] == [7] * 8 + [4]
    assert backward == [p[0] for p in pages], "previous pages are the same pages"


def test_first_page_has_no_previous_and_links_keep_the_filters(signed_in, sixty):
    response = signed_in.get(LIST, {"q": "zy", "sort": "name", "size": 3})
    page = response.context["page"]

    assert page.previous_cursor is None
    assert page.next_cursor
    assert f"sort=name&amp;size=3&amp;cursor={page.next_cursor}" in response.content.decode()


def test_a_broken_cursor_gives_the_first_page(signed_in, sixty):
    for cursor in ["garbage", "W10", "WyJuIiwgWyJ4Il1d", "WyJuIixbIm5vdC1hLWRhdGUiLDFdXQ"]:
        response = signed_in.get(LIST, {"cursor": cursor, "sort": "joined_party_on"})
        assert len(response.context["page"].items) == 25


def test_page_size_is_capped(signed_in, sixty):
    assert len(names(signed_in.get(LIST, {"size": 1000}))) == 60
    assert len(names(signed_in.get(LIST, {"size": 50}))) == 50


def _list_queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, params).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "wxl", "sort": "name"}, {"status": "active", "age_band": "30to45", "size": "100"}],
)
def test_query_count_is_constant_and_never_counts(
    client, secretary_a, tree, django_assert_max_num_queries, params
):
    client.force_login(secretary_a)
    for i in range(5):
        make_member(tree.branch_a1, name=f"王小{chinese_numerals(i)}")
    few = _list_queries(client, params)
    for i in range(55):
        make_member(tree.branch_a1, name=f"王多{chinese_numerals(i)}")

    with django_assert_max_num_queries(len(few)):
        many = _list_queries(client, params)

    # Session, user, scope, page, organisation options; plus the layout's bell (the user's own
    # unread count, an indexed COUNT of their inbox) and menu.
    assert len(many) == len(few) <= 8
    assert not [sql for sql in few + many if "COUNT(" in sql.upper() and "members_member" in sql]


def test_filtered_by_organisation_from_the_tree_costs_one_more_query_at_most(
    client, secretary_a, tree, sixty
):
    client.force_login(secretary_a)

    plain = _list_queries(client, {})
    filtered = _list_queries(client, {"organization": tree.branch_a1.pk})

    assert len(filtered) <= len(plain) + 1
