import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from members.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_is_loaded, load_demo
from members.demo.records import AREA_CODES
from members.files import actions, crypto
from members.files.models import FamilyMember, Member
from members.followup.rules import should_transfer
from members.mobility.models import MobileRecord
from members.organizations.models import Assignment, Organization, User
from members.validators import mask_id_number, parse_id_number

pytestmark = pytest.mark.django_db

STORY_HOMES = {
    "廖宏伟": "大街街道流动党员党支部",
    "张善强": "付家寨村党支部",
    "曹忠海": "卡阳村党支部",
    "王文春": "上山庄村党支部",
    "杨增奎": "新添堡村党支部",
    "肖双强": "南滩街道流动党员党支部",
    "王秀玲": "尕庄村党支部",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module (it takes seconds); rolled back when the module ends.

    Each test runs in a savepoint inside this transaction, so a test's writes are undone too.
    """
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def _counts():
    return [
        model.objects.count() for model in (Organization, Member, FamilyMember, User, Assignment)
    ]


def _member(name):
    return Member.objects.select_related("organization").get(name=name, is_sample=True)


def _org(name):
    return Organization.objects.get(name=name)


def test_loading_twice_changes_nothing(demo):
    before = _counts()

    load_demo()

    assert _counts() == before
    assert demo_is_loaded()
    assert before[1] >= 300


def test_story_people_are_in_their_home_branches(demo):
    for name, branch in STORY_HOMES.items():
        member = _member(name)
        assert member.organization.name == branch
        # 张善强 is about to leave: story 3 registers him.
        expected = Member.Status.ACTIVE if name == "张善强" else Member.Status.MOBILE
        assert member.status == expected

    assert _member("曹忠海").organization.is_within(_org("拦隆口镇党委"))
    assert _member("杨增奎").organization.is_within(_org("中共大通回族土族自治县委"))
    assert "成都" in _member("廖宏伟").notes


def test_story_records(demo):
    from members.mobility.models import MobileRecord

    liao = _member("廖宏伟").mobile_records.get()
    assert (liao.status, liao.outflow_external.region_code) == ("waiting", "510107")
    assert liao.inflow_organization == _org("大街街道党工委")
    assert _member("肖双强").mobile_records.get().taken_in_by == _org("南滩街道流动党员党支部")
    assert _member("曹忠海").mobile_records.get().status == "taken_in"
    assert _member("杨增奎").mobile_records.get().status == "no_inflow"
    assert not _member("张善强").mobile_records.exists()
    mobile = Member.objects.filter(status=Member.Status.MOBILE)
    assert not mobile.filter(mobile_records__isnull=True).exists()
    assert MobileRecord.objects.filter(status="waiting").count() > 5


def test_tree_uses_xining_region_codes(demo):
    codes = {org.name: org.region_code for org in Organization.objects.filter(kind="county")}

    assert codes["中共西宁市城东区委"] == "630102"
    assert codes["中共西宁市湟中区委"] == "630106"
    assert codes["中共大通回族土族自治县委"] == "630121"
    assert codes["中共湟源县委"] == "630123"
    assert _org("南滩街道流动党员党支部").kind == "mobile_branch"
    assert _org("卡阳村党支部").secretary_name == "严义萍"


def test_wang_xiuling_enters_her_12th_year_in_two_days(demo):
    in_two_days = timezone.localdate() + datetime.timedelta(days=2)
    member = _member("王秀玲")

    assert member.party_years(in_two_days) == 12
    assert member.party_years(in_two_days - datetime.timedelta(days=1)) == 11


def test_some_mobile_members_have_left_behind_family(demo):
    kinds = set(FamilyMember.objects.values_list("care_kind", flat=True))

    assert {"elder", "child"} <= kinds
    assert _member("曹忠海").family.count() == 2


def test_every_file_is_sample_with_a_valid_masked_id_number(demo):
    members = list(Member.objects.all())

    assert all(member.is_sample for member in members)
    for member in members:
        parsed = parse_id_number(crypto.decrypt(member.id_number_encrypted))
        assert member.id_number_masked == mask_id_number(parsed.number)
        assert (member.birth_date, member.gender) == (parsed.birth_date, parsed.gender)
        assert member.name_initials


def test_political_birthdays_fall_on_many_days(demo):
    days = set(Member.objects.values_list("join_anniversary", flat=True))

    assert len(days) > 150


def test_ma_huiyan_sees_only_dajie_street(demo):
    user = User.objects.get(username="mahuiyan")
    dajie = _org("大街街道党工委")

    visible = Member.objects.visible_to(user).select_related("organization")

    assert _member("廖宏伟") in visible
    assert visible.count() > 1
    assert all(member.organization.is_within(dajie) for member in visible)


def test_chengzhong_viewer_reads_but_cannot_write(demo):
    viewer = User.objects.get(username="czq_zzb")
    xiao = _member("肖双强")

    assert xiao in Member.objects.visible_to(viewer)
    assert _member("张善强") not in Member.objects.visible_to(viewer)
    assert not Member.objects.visible_to(viewer, for_write=True).exists()
    with pytest.raises(PermissionDenied):
        actions.member_update(actor=viewer, member=xiao, notes="试图修改")


def test_village_secretaries_write_their_own_branch(demo):
    yan = User.objects.get(username="yanyiping")
    wang = User.objects.get(username="wangshenggui")

    assert _member("曹忠海") in Member.objects.visible_to(yan, for_write=True)
    assert _member("王秀玲") not in Member.objects.visible_to(yan)
    assert _member("王秀玲") in Member.objects.visible_to(wang, for_write=True)


def test_every_demo_login_works_with_the_demo_password(demo):
    from members.management.commands.load_demo import demo_logins

    assert [login for login, _ in DEMO_LOGINS][:3] == ["sysadmin", "secadmin", "auditor"]
    for login, _ in demo_logins():  # the service chain's logins too
        assert User.objects.get(username=login).check_password(DEMO_PASSWORD)


def test_the_demo_has_three_separated_administrators_and_no_superuser(demo):
    administrators = User.objects.exclude(admin_role="").order_by("username")

    assert [(u.username, u.admin_role, u.is_staff) for u in administrators] == [
        ("auditor", "audit", True),
        ("secadmin", "security", True),
        ("sysadmin", "system", True),
    ]
    assert not User.objects.filter(is_superuser=True).exists()
    assert not Assignment.objects.filter(user__in=administrators).exists()


def test_demo_has_contacts_dues_and_organisational_life(demo):
    from members.followup.models import ContactLog, DuesPayment
    from members.orglife.models import Activity, Attendance

    assert ContactLog.objects.filter(reached=True).count() > 50
    assert DuesPayment.objects.count() > 50
    assert Activity.objects.filter(kind="theme_day").exists()
    assert Attendance.objects.filter(status__in=["present", "online"]).exists()


def test_registrations_were_submitted_over_the_past(demo):
    today = timezone.localdate()
    days = [
        timezone.localtime(at).date()
        for at in MobileRecord.objects.exclude(submitted_at=None).values_list(
            "submitted_at", flat=True
        )
    ]
    waiting = MobileRecord.objects.filter(status="waiting").values_list("submitted_at", flat=True)
    waited = [(today - timezone.localtime(at).date()).days for at in waiting]

    assert len(set(days)) > 20
    assert sum(day == today for day in days) < len(days) / 10
    assert len(set(waited)) > 3
    assert sorted(waited)[len(waited) // 2] < 90  # most waiting registrations are recent


def test_addresses_and_phones_are_plausible(demo):
    liao = _member("廖宏伟")
    record = liao.mobile_records.get()

    assert liao.household_address.startswith("四川省成都市武侯区")
    assert record.outflow_contact_phone.startswith("028-")
    assert not Member.objects.filter(household_address__contains="流动党员").exists()
    for record in MobileRecord.objects.select_related("outflow_external", "inflow_external"):
        outside = record.outflow_external or record.inflow_external
        if outside is not None and outside.region_code[:4] in AREA_CODES:
            assert outside.contact_phone.startswith(AREA_CODES[outside.region_code[:4]] + "-")
        if record.outflow_external is not None:
            assert record.outflow_contact_phone == record.outflow_external.contact_phone


def test_the_transfer_warning_marks_a_minority(demo):
    today = timezone.localdate()
    away = MobileRecord.objects.filter(status__in=MobileRecord.AWAY_STATUSES)
    warned = [
        record
        for record in away
        if should_transfer(
            today=today,
            departure_date=record.departure_date,
            expected_months=record.expected_months,
            taken_in=record.status == "taken_in",
        )
    ]

    assert 0.05 < len(warned) / away.count() < 0.3
