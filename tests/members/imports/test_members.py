"""Importing member files: the dry run lists exactly the bad rows and writes nothing; the
apply writes all or nothing; the same file applied twice changes nothing."""

import pytest

from members.files.models import Member
from members.imports.models import ImportJob
from tests.members.imports.sheets import MEMBER_HEADER, csv_file, id_number, member_row, xlsx

pytestmark = pytest.mark.django_db
FORMATS = [pytest.param(xlsx, id="xlsx"), pytest.param(csv_file, id="csv")]


def _mixed() -> list[dict]:
    rows = [member_row(n) for n in range(1, 6)]
    rows[1]["公民身份号码"] = "630102199005060019"  # wrong check digit
    rows[3]["入党日期"] = "2015-13-01"
    return rows


@pytest.mark.parametrize("sheet", FORMATS)
def test_a_dry_run_lists_exactly_the_bad_rows(sheet, upload, secretary_a, tree):
    job = upload(secretary_a, tree.town_a, sheet(_mixed(), MEMBER_HEADER))
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "公民身份号码"), (5, "入党日期")]


@pytest.mark.parametrize("sheet", FORMATS)
def test_a_dry_run_writes_no_member(sheet, upload, secretary_a, tree):
    upload(secretary_a, tree.town_a, sheet(_mixed(), MEMBER_HEADER))
    assert not Member.objects.exists()


def test_a_file_with_errors_cannot_be_applied(upload, secretary_a, tree):
    job = upload(secretary_a, tree.town_a, xlsx(_mixed(), MEMBER_HEADER))
    from members.imports.actions import import_job_apply_start
    from members.workflow import TransitionError

    with pytest.raises(TransitionError):
        import_job_apply_start(actor=secretary_a, job=job)


def test_the_fixed_file_applies_every_row(upload, apply, secretary_a, tree):
    job = apply(
        upload(secretary_a, tree.town_a, xlsx([member_row(n) for n in range(1, 6)], MEMBER_HEADER))
    )
    assert (job.status, Member.objects.count()) == (ImportJob.Status.APPLIED, 5)


@pytest.mark.parametrize("sheet", FORMATS)
def test_the_same_file_applied_twice_makes_no_duplicate(sheet, upload, apply, secretary_a, tree):
    rows = [member_row(n) for n in range(1, 6)]
    apply(upload(secretary_a, tree.town_a, sheet(rows, MEMBER_HEADER)))
    again = apply(upload(secretary_a, tree.town_a, sheet(rows, MEMBER_HEADER)))
    assert (Member.objects.count(), again.unchanged_count, again.created_count) == (5, 5, 0)


def test_a_changed_row_updates_the_file_found_by_id_number(upload, apply, secretary_a, tree):
    apply(upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER)))
    changed = member_row(1, 户籍地址="湟中区拦隆口镇")
    job = apply(upload(secretary_a, tree.town_a, xlsx([changed], MEMBER_HEADER)))
    assert (job.updated_count, Member.objects.get().household_address) == (1, "湟中区拦隆口镇")


def test_an_imported_file_is_as_the_form_makes_it(upload, apply, secretary_a, tree):
    apply(upload(secretary_a, tree.town_a, xlsx([member_row(1, 姓名="王秀玲")], MEMBER_HEADER)))
    member = Member.objects.get()
    facts = (member.gender, member.home_path, member.status, member.skills, member.name_initials)
    assert facts == ("F", tree.branch_a1.path, "active", ["焊工", "驾驶"], "wxl")


def test_an_imported_file_keeps_its_history(upload, apply, secretary_a, tree):
    apply(upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER)))
    assert Member.history.get().history_user == secretary_a


def test_the_id_number_is_stored_encrypted_and_masked(upload, apply, secretary_a, tree):
    apply(upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER)))
    assert (
        Member.objects.get().id_number_masked
        == id_number(1, "F")[:6] + "********" + id_number(1, "F")[-4:]
    )


def test_a_gbk_csv_is_read(upload, secretary_a, tree):
    job = upload(secretary_a, tree.town_a, csv_file([member_row(1)], MEMBER_HEADER, encoding="gbk"))
    assert (job.status, job.error_count, job.rows_total) == (ImportJob.Status.CHECKED, 0, 1)


def test_the_apply_is_audited(upload, apply, secretary_a, tree):
    from members.audit.models import AuditEvent

    job = apply(upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER)))
    assert AuditEvent.objects.filter(kind="import", object_id=str(job.pk)).count() == 1
