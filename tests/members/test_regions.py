"""The region picker: divisions named by province, city and county; nobody types a code."""

import pytest
from django.urls import reverse

from members.regions import RegionSelect, region_groups, region_name

pytestmark = pytest.mark.django_db


def test_divisions_are_grouped_by_province_and_city():
    groups = dict(region_groups())

    assert ("630102", "城东区") in groups["青海省 · 西宁市"]
    assert ("110101", "东城区") in groups["北京市"]  # a municipality has no city level
    assert groups["广东省 · 东莞市"] == (("441900", "东莞市"),)  # a city without counties
    assert region_name("540102") == "西藏自治区 · 拉萨市 · 城关区"
    assert region_name("999999") == "999999"


def test_the_widget_is_a_plain_select_that_keeps_an_older_code():
    html = RegionSelect().render("code", "632100")

    assert '<optgroup label="青海省 · 西宁市">' in html
    assert '<option value="632100" selected>632100</option>' in html
    assert "data-region-picker" in html


def test_the_registration_pages_pick_regions_by_name(client, tree, member_a1, secretary_a):
    client.force_login(secretary_a)

    outflow = client.get(reverse("records:create", args=[member_a1.pk])).content.decode()
    inflow = client.get(reverse("records:register_inflow")).content.decode()

    for html in (outflow, inflow):
        assert '<option value="630103">城中区</option>' in html
        assert "js/region-picker.js" in html
        assert 'type="text" name="external_region_code"' not in html
    assert "目的地区" in outflow
    assert "到达日期" in inflow
    assert "流入原因" in inflow
    assert "外出原因" not in inflow


def test_the_widget_marks_the_chosen_division_and_escapes_what_was_typed():
    chosen = RegionSelect().render("code", "630102", attrs={"id": "id_code"})
    typed = RegionSelect().render("code", '"><script>')

    assert chosen.count(" selected>") == 1
    assert '<option value="630102" selected>城东区</option>' in chosen
    assert 'id="id_code"' in chosen
    assert "<script>" not in typed
