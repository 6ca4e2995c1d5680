"""Every kind of bad row is named by its row, its column and the reason."""

import datetime

import pytest

from members.files import crypto
from tests.factories import make_member, make_organization
from tests.members.imports.sheets import (
    MEMBER_HEADER,
    RECORD_HEADER,
    id_number,
    member_row,
    record_row,
    xlsx,
)

pytestmark = pytest.mark.django_db


def id_of(member) -> str:
    return crypto.decrypt(member.id_number_encrypted)


MEMBER_ERRORS = [
    ({"姓名": ""}, "姓名"),
    ({"姓名": "王2"}, "姓名"),
    ({"公民身份号码": "63010219900506001"}, "公民身份号码"),
    ({"公民身份号码": "630102199005060019"}, "公民身份号码"),
    ({"性别": "男"}, "性别"),
    ({"出生日期": "1991-01-01"}, "出生日期"),
    ({"性别": "未知"}, "性别"),
    ({"手机号码": "12345"}, "手机号码"),
    ({"学历": "博士后"}, "学历"),
    ({"所在党组织": "不存在的支部"}, "所在党组织"),
    ({"所在党组织": "南滩街道流动党员党支部"}, "所在党组织"),
    ({"党员类别": ""}, "党员类别"),
    ({"入党日期": "去年"}, "入党日期"),
    ({"入党日期": "2099-01-01", "转正日期": ""}, "入党日期"),
    ({"入党日期": "1995-01-01"}, "入党日期"),
    ({"转正日期": "2014-01-01"}, "转正日期"),
]


@pytest.mark.parametrize(("cells", "column"), MEMBER_ERRORS)
def test_a_bad_member_cell_is_named_by_row_and_column(cells, column, upload, secretary_a, tree):
    rows = [member_row(1), member_row(2, **cells)]
    job = upload(secretary_a, tree.town_a, xlsx(rows, MEMBER_HEADER))
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, column)]


def test_every_error_has_a_reason_in_words(upload, secretary_a, tree):
    job = upload(secretary_a, tree.town_a, xlsx([member_row(1, 学历="博士后")], MEMBER_HEADER))
    assert "博士后" in job.errors[0]["message"]


def test_an_id_number_twice_in_the_file_names_the_first_row(upload, secretary_a, tree):
    rows = [member_row(1), member_row(2, 公民身份号码=id_number(1, "F"))]
    job = upload(secretary_a, tree.town_a, xlsx(rows, MEMBER_HEADER))
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "公民身份号码")]


def test_a_mobile_number_of_another_file_is_refused(upload, secretary_a, tree):
    make_member(tree.branch_a1, phone="13900000002")
    job = upload(secretary_a, tree.town_a, xlsx([member_row(2)], MEMBER_HEADER))
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "手机号码")]


def test_a_file_of_another_subtree_is_refused(upload, secretary_a, tree):
    """The ID number is filed in town B, which town A's secretary does not manage."""
    filed = make_member(tree.branch_b1)
    row = member_row(1, 公民身份号码=id_of(filed), 性别="", 出生日期="")
    job = upload(secretary_a, tree.town_a, xlsx([row], MEMBER_HEADER))
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "公民身份号码")]


def test_a_file_outside_the_chosen_organisation_is_refused(upload, secretary_a, tree):
    """Town A's secretary imports into branch A1; the file is in town A itself."""
    filed = make_member(tree.town_a)
    row = member_row(1, 公民身份号码=id_of(filed))
    job = upload(secretary_a, tree.branch_a1, xlsx([row], MEMBER_HEADER))
    assert "大街街道党工委" in job.errors[0]["message"]


def _namesake(tree) -> None:
    second = make_organization("大街第二社区党委", parent=tree.town_a, kind="town")
    make_organization("大街社区党支部", parent=second)


def test_an_ambiguous_organisation_name_says_how_to_choose(upload, secretary_a, tree):
    _namesake(tree)
    job = upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER))
    assert "大街街道党工委/大街社区党支部" in job.errors[0]["message"]


def test_the_name_above_chooses_between_two(upload, secretary_a, tree):
    _namesake(tree)
    row = member_row(1, 所在党组织="大街街道党工委/大街社区党支部")
    job = upload(secretary_a, tree.town_a, xlsx([row], MEMBER_HEADER))
    assert job.errors == []


def test_a_missing_required_column_is_named(upload, secretary_a, tree):
    header = [h for h in MEMBER_HEADER if h != "入党日期"]
    job = upload(secretary_a, tree.town_a, xlsx([member_row(1)], header))
    assert [(e["row"], e["column"]) for e in job.errors] == [(1, "入党日期")]


def test_an_excel_date_cell_is_read(upload, secretary_a, tree):
    row = member_row(1, 入党日期=datetime.datetime(2015, 7, 1))  # noqa: DTZ001 (a cell's value)
    job = upload(secretary_a, tree.town_a, xlsx([row], MEMBER_HEADER))
    assert job.errors == []


RECORD_ERRORS = [
    ({"公民身份号码": "630102199005060019"}, "公民身份号码"),
    ({"姓名": "李四"}, "姓名"),
    ({"原职业": "宇航员"}, "原职业"),
    ({"外出原因": ""}, "外出原因"),
    ({"流入单位类型": "火星基地"}, "流入单位类型"),
    ({"外出日期": "2026-02-30"}, "外出日期"),
    ({"预计外出时长（月）": "半年"}, "预计外出时长（月）"),
    ({"流入地区划代码": "999999"}, "流入地区划代码"),
    ({"流入地区划代码": "630199"}, "流入地区划代码"),
    ({"流入地详细地址": ""}, "流入地详细地址"),
    ({"在流入地的手机号码": "110"}, "在流入地的手机号码"),
    ({"流入党组织": "不存在的党组织"}, "流入党组织"),
    ({"流入党组织": "大街社区党支部"}, "流入党组织"),
    ({"流入党组织在系统外": "是", "流入党组织": "成都某党支部"}, "系统外党组织区划代码"),
    ({"流入党组织在系统外": "也许"}, "流入党组织在系统外"),
    ({"用人单位联系电话": "abc"}, "用人单位联系电话"),
]


@pytest.mark.parametrize(("cells", "column"), RECORD_ERRORS)
def test_a_bad_registration_cell_is_named(cells, column, upload, secretary_a, tree):
    good = make_member(tree.branch_a1, name="张善强")
    other = make_member(tree.branch_a1, name="李建军")
    rows = [record_row(id_of(good)), record_row(id_of(other), **cells)]
    job = upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind="records")
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, column)]
