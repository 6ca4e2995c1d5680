"""The charts' data for a small known world, their SVG and their numbers tables."""

import pytest
from django.utils import timezone

from education.overview import band_of
from members.overview.registry import Flow, charts_for

pytestmark = pytest.mark.django_db


def _chart(user, key):
    return next(c for c in charts_for(user, timezone.localdate()) if c.key == key)


def _rows(chart):
    return [(row.label, row.value) for row in chart.rows]


def test_members_by_destination_province_in_the_district(world, viewer_b):
    # Most first; a tie in region-code order (江苏 32, 广东 44).
    assert _rows(_chart(viewer_b, "provinces")) == [("江苏省", 1), ("广东省", 1)]


def test_flows_from_the_towns_when_the_scope_is_a_district(world, viewer_b):
    assert set(_chart(viewer_b, "flows").flows) == {
        Flow("南滩街道党工委", "广东省", 1),
        Flow("南滩街道党工委", "江苏省", 1),
    }


def test_flows_from_the_districts_for_the_whole_tree(world, superuser):
    assert set(_chart(superuser, "flows").flows) == {
        Flow("中共西宁市城中区委", "广东省", 1),
        Flow("中共西宁市城中区委", "江苏省", 1),
        Flow("中共西宁市城东区委", "青海省", 2),
    }


def test_this_months_departures_and_returns(world, viewer_b):
    chart = _chart(viewer_b, "months")
    this_month = {name: values[-1] for name, values in chart.series}

    assert list(this_month.values()) == [3, 1]


def test_twelve_months_ending_with_this_one(world, viewer_b):
    assert _chart(viewer_b, "months").columns[-1] == f"{timezone.localdate():%Y-%m}"


def test_study_hours_bands_count_members_never_name_them(world, viewer_b):
    # 5 hours, 20 hours, 40 hours: one member in each of three bands.
    assert [row.value for row in _chart(viewer_b, "hours").rows] == [1, 0, 1, 0, 1]


@pytest.mark.parametrize(("hours", "band"), [(0, 0), (7.9, 0), (8, 1), (31.9, 3), (32, 4)])
def test_a_band_holds_its_lower_bound(hours, band):
    assert band_of(hours) == band


def test_requests_by_category_in_the_district(world, viewer_b):
    assert _rows(_chart(viewer_b, "cases_categories")) == [("拖欠工资", 1)]


@pytest.fixture
def home(client, world, viewer_b):
    client.force_login(viewer_b)
    return client.get("/").content.decode()


@pytest.mark.parametrize("key", ["provinces", "flows", "months", "hours", "cases_categories"])
def test_each_chart_is_an_svg_with_a_label(home, key):
    figure = home[home.index(f'id="chart-{key}"') :]
    figure = figure[: figure.index("</figure>")]

    assert '<svg role="img" aria-label="' in figure


@pytest.mark.parametrize("key", ["provinces", "flows", "months", "hours", "cases_categories"])
def test_each_chart_has_its_numbers_behind_a_toggle(home, key):
    figure = home[home.index(f'id="chart-{key}"') :]
    figure = figure[: figure.index("</figure>")]

    assert figure.index("<details") < figure.index("<table")


def test_the_sankey_draws_one_path_per_flow(home):
    figure = home[home.index('id="chart-flows"') :]
    figure = figure[: figure.index("</figure>")]

    assert figure.count('<path class="chart-link"') == 2


def test_the_numbers_table_has_the_provinces(home):
    figure = home[home.index('id="chart-provinces"') :]
    table = figure[figure.index("<table") : figure.index("</table>")]

    assert "<td>广东省</td><td>1</td>" in table.replace("\n", "").replace(" ", "")
