"""Opening and changing files through the pages, revealing ID numbers, history and family."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from members.demo.samples import fake_id_number
from members.files import crypto
from members.files.models import IdNumberReveal, Member
from members.files.views import political_birthday
from tests.factories import make_member
from tests.members.files.test_pages import member_form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("members:member_create")
# 63010219900408002 + check digit: a woman born on 8 April 1990 in 城东区.
WANG_ID = fake_id_number("630102", datetime.date(1990, 4, 8), 1, "F")


@pytest.fixture
def signed_in(client, secretary_a):
    client.force_login(secretary_a)
    return client


def new_member_data(tree, **changes) -> dict:
    data = {
        "name": "王秀玲",
        "id_number": WANG_ID,
        "gender": "",
        "birth_date": "",
        "ethnicity": "汉族",
        "phone": "13909711234",
        "education": "college",
        "household_address": "湟源县城关镇",
        "organization": tree.branch_a1.pk,
        "category": "full",
        "standing": "",
        "joined_party_on": "2014-07-01",
        "full_member_on": "2015-07-01",
        "skills": "缝纫，电商、 育婴",
        "notes": "",
    }
    return data | changes


def test_create_opens_a_file_with_derived_fields(signed_in, tree):
    response = signed_in.post(CREATE, new_member_data(tree))

    member = Member.objects.get(name="王秀玲")
    assert response.status_code == 302
    assert response.url == member.get_absolute_url()
    assert (member.birth_date, member.gender) == (datetime.date(1990, 4, 8), "F")
    assert member.name_initials == "wxl"
    assert member.skills == ["缝纫", "电商", "育婴"]
    assert member.id_number_masked == WANG_ID[:6] + "********" + WANG_ID[-4:]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id_number": WANG_ID[:-1] + ("0" if WANG_ID[-1] != "0" else "1")}, "id_number"),
        ({"id_number": "63010219900408"}, "id_number"),
        ({"id_number": ""}, "id_number"),
        ({"birth_date": "1990-04-09"}, "birth_date"),
        ({"gender": "M"}, "gender"),
        ({"joined_party_on": "2000-07-01"}, "joined_party_on"),
        ({"phone": "12345"}, "phone"),
        ({"organization": "999999"}, "organization"),
    ],
)
def test_create_shows_the_error_on_its_field_and_saves_nothing(signed_in, tree, changes, field):
    response = signed_in.post(CREATE, new_member_data(tree, **changes))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert 'class="field has-error"' in response.content.decode()
    assert not Member.objects.filter(name="王秀玲").exists()


def test_duplicate_phone_is_a_phone_error(signed_in, tree, member_b1):
    response = signed_in.post(CREATE, new_member_data(tree, phone=member_b1.phone))

    assert list(response.context["form"].errors) == ["phone"]
    assert not Member.objects.filter(name="王秀玲").exists()


def test_duplicate_id_number_is_an_id_error(signed_in, tree, member_b1):
    number = crypto.decrypt(member_b1.id_number_encrypted)

    response = signed_in.post(CREATE, new_member_data(tree, id_number=number, birth_date=""))

    assert list(response.context["form"].errors) == ["id_number"]


def test_edit_keeps_the_id_number_when_left_blank(signed_in, member_a1):
    url = reverse("members:member_edit", args=[member_a1.pk])
    stored = member_a1.id_number_hash

    response = signed_in.post(url, member_form_data(member_a1, standing="deceased"))

    assert response.status_code == 302
    member_a1.refresh_from_db()
    assert (member_a1.status, member_a1.id_number_hash) == ("deceased", stored)


def test_status_is_derived_and_cannot_be_typed(signed_in, member_a1):
    url = reverse("members:member_edit", args=[member_a1.pk])

    signed_in.post(url, member_form_data(member_a1, status="mobile"))

    member_a1.refresh_from_db()
    assert member_a1.status == "active"  # away only with a registered departure


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id_number": "630102198505200018"}, "id_number"),
        ({"birth_date": "1985-05-21"}, "birth_date"),
        ({"phone": "duplicate"}, "phone"),
    ],
)
def test_edit_errors_change_nothing(signed_in, member_a1, member_b1, changes, field):
    if changes.get("phone") == "duplicate":
        changes = {"phone": member_b1.phone}
    url = reverse("members:member_edit", args=[member_a1.pk])
    versions = member_a1.history.count()

    response = signed_in.post(url, member_form_data(member_a1, notes="不应保存", **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    member_a1.refresh_from_db()
    assert member_a1.notes == ""
    assert member_a1.history.count() == versions


def test_edit_page_never_shows_the_full_id_number(signed_in, member_a1):
    number = crypto.decrypt(member_a1.id_number_encrypted)

    page = signed_in.get(reverse("members:member_edit", args=[member_a1.pk])).content.decode()

    assert number not in page
    assert member_a1.id_number_masked in page


def test_reveal_logs_and_shows_the_number_only_in_that_response(signed_in, secretary_a, member_a1):
    number = crypto.decrypt(member_a1.id_number_encrypted)
    url = reverse("members:member_reveal_id", args=[member_a1.pk])

    response = signed_in.post(url, {"reason": "开具介绍信需核对"})

    assert response.status_code == 200
    assert number in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    reveal = IdNumberReveal.objects.get()
    assert (reveal.user, reveal.member) == (secretary_a, member_a1)
    assert reveal.reason == "开具介绍信需核对"
    later = signed_in.get(member_a1.get_absolute_url()).content.decode()
    assert number not in later
    assert member_a1.id_number_masked in later


def test_reveal_without_a_reason_shows_an_error_and_logs_nothing(signed_in, member_a1):
    number = crypto.decrypt(member_a1.id_number_encrypted)
    url = reverse("members:member_reveal_id", args=[member_a1.pk])

    response = signed_in.post(url, {"reason": "  "})

    assert response.status_code == 200
    assert "reason" in response.context["reveal_form"].errors
    assert number not in response.content.decode()
    assert not IdNumberReveal.objects.exists()


def test_pages_show_masked_numbers_only(signed_in, member_a1):
    number = crypto.decrypt(member_a1.id_number_encrypted)

    for url in [reverse("members:member_list"), member_a1.get_absolute_url()]:
        page = signed_in.get(url).content.decode()
        assert number not in page
        assert member_a1.id_number_masked in page


def test_history_shows_who_changed_what_old_to_new(signed_in, secretary_a, member_a1):
    url = reverse("members:member_edit", args=[member_a1.pk])
    signed_in.post(url, member_form_data(member_a1, standing="stopped", notes="赴藏务工"))

    response = signed_in.get(member_a1.get_absolute_url())

    latest = response.context["history"][0]
    assert latest["record"].history_user == secretary_a
    changes = {str(c["label"]): (c["old"], c["new"]) for c in latest["changes"]}
    assert changes == {
        "党籍": ("党籍正常", "停止党籍"),
        "状态": ("在册", "停止党籍"),
        "备注": ("", "赴藏务工"),
    }
    page = response.content.decode()
    assert "<del>在册</del> → <ins>停止党籍</ins>" in page
    assert "马慧艳" in page


def test_history_never_shows_the_id_hash(signed_in, member_a1):
    url = reverse("members:member_edit", args=[member_a1.pk])
    new_number = fake_id_number("630102", member_a1.birth_date, 77, "M")
    signed_in.post(url, member_form_data(member_a1, id_number=new_number))

    latest = signed_in.get(member_a1.get_absolute_url()).context["history"][0]

    assert [str(c["label"]) for c in latest["changes"]] == ["身份证号"]
    assert latest["changes"][0]["new"].count("*") == 8


@time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_political_birthday_on_the_detail_page(signed_in, tree):
    member = make_member(
        tree.branch_a1, name="王秀玲", gender="F", joined_party_on=datetime.date(2014, 7, 1)
    )

    response = signed_in.get(member.get_absolute_url())

    birthday = response.context["political_birthday"]
    assert birthday == {
        "years": 11,
        "next": datetime.date(2026, 7, 1),
        "next_years": 12,
        "days": 30,
    }
    assert "2026-07-01" in response.content.decode()


@pytest.mark.parametrize(
    ("today", "next_day", "days"),
    [
        (datetime.date(2027, 2, 1), datetime.date(2027, 2, 28), 27),
        (datetime.date(2028, 2, 29), datetime.date(2028, 2, 29), 0),
        (datetime.date(2028, 3, 1), datetime.date(2029, 2, 28), 364),
    ],
)
def test_political_birthday_of_a_leap_day_member(tree, today, next_day, days):
    member = make_member(tree.branch_a1, joined_party_on=datetime.date(2012, 2, 29))

    birthday = political_birthday(member, today=today)

    assert (birthday["next"], birthday["days"]) == (next_day, days)


def test_family_is_added_and_removed(signed_in, member_a1):
    url = reverse("members:family_add", args=[member_a1.pk])
    data = {"name": "张母", "relation": "母亲", "age": "72", "care_kind": "elder"}

    assert signed_in.post(url, data).status_code == 302
    relative = member_a1.family.get()
    assert "张母" in signed_in.get(member_a1.get_absolute_url()).content.decode()

    remove = reverse("members:family_remove", args=[member_a1.pk, relative.pk])
    assert signed_in.post(remove).status_code == 302
    assert not member_a1.family.exists()


def test_family_errors_show_on_the_member_page(signed_in, member_a1):
    url = reverse("members:family_add", args=[member_a1.pk])

    response = signed_in.post(url, {"name": "", "relation": "母亲", "care_kind": "pet"})

    assert response.status_code == 200
    assert set(response.context["family_form"].errors) == {"name", "care_kind"}
    assert not member_a1.family.exists()


def test_removing_another_members_relative_is_404(signed_in, member_a1, tree):
    other = make_member(tree.branch_a1)
    signed_in.post(
        reverse("members:family_add", args=[other.pk]),
        {"name": "李父", "relation": "父亲", "care_kind": "elder"},
    )
    relative = other.family.get()

    response = signed_in.post(reverse("members:family_remove", args=[member_a1.pk, relative.pk]))

    assert response.status_code == 404
    assert other.family.exists()
