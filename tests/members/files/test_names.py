"""Names of people: Chinese, minority (with "·") and foreign names; nothing else is accepted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.files import actions
from members.files.models import Member
from members.validators import normalize_person_name, validate_person_name
from tests.factories import make_member, system_user
from tests.members.files.test_member_file import CREATE, new_member_data

pytestmark = pytest.mark.django_db

MARKUP_MESSAGE = (
    "姓名请用汉字填写（少数民族姓名各部分之间用“·”隔开），外籍人员可用英文字母；"
    "不能含数字、符号或标签。"
)


@pytest.mark.parametrize(
    "name",
    ["王秀玲", "阿卜杜拉·买买提", "𠮷野家", "John Smith", "Jean-Pierre O'Neil", "José Müller"],
)
def test_names_accepted(name):
    validate_person_name(name)


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", "王秀玲2", "王", "·王秀玲", "Иван", "王秀玲\x00", "马@慧艳"],
)
def test_names_refused(name):
    with pytest.raises(ValidationError):
        validate_person_name(name)


def test_names_are_written_one_way():
    assert normalize_person_name(" 阿卜杜拉•买买提 ") == "阿卜杜拉·买买提"
    assert normalize_person_name("王 秀玲") == "王秀玲"
    assert normalize_person_name("John   Smith") == "John Smith"


def test_a_name_with_markup_is_refused_in_plain_chinese(client, tree, secretary_a):
    client.force_login(secretary_a)

    response = client.post(CREATE, new_member_data(tree, name="<script>alert(1)</script>"))

    assert response.status_code == 200
    assert MARKUP_MESSAGE in response.content.decode()
    assert not Member.objects.exists()


def test_a_long_name_is_refused_without_programmers_words(client, tree, secretary_a):
    client.force_login(secretary_a)

    response = client.post(CREATE, new_member_data(tree, name="王" * 51))

    page = response.content.decode()
    assert "最多可填50个字（现在是51个）。" in page
    assert "变量" not in page
    assert not Member.objects.exists()


def test_every_writer_of_a_name_checks_it(tree):
    member = make_member(tree.branch_a1)

    with pytest.raises(ValidationError) as refused:
        actions.member_update(actor=system_user(), member=member, name="王1")
    with pytest.raises(ValidationError):
        actions.family_member_add(
            actor=system_user(), member=member, name="<b>母亲</b>", relation="母亲"
        )

    assert "name" in refused.value.message_dict


def test_the_arrival_form_checks_the_name(client, tree, secretary_b):
    client.force_login(secretary_b)

    response = client.post(reverse("records:register_inflow"), {"name": "<i>廖宏伟</i>"})

    assert MARKUP_MESSAGE in response.content.decode()
