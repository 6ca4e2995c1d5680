"""The rows the dry run keeps: the apply reads them instead of the upload, falls back to the
upload when they are gone, and they are deleted once the job is applied, fails or stops."""

import datetime

import pytest

from members.files.models import Member
from members.imports import processing
from members.imports.cells import cell_normal
from members.imports.models import ImportJob
from members.imports.template import DATE, TEXT
from tests.members.imports.sheets import MEMBER_HEADER, csv_file, member_row, xlsx

pytestmark = pytest.mark.django_db


def _checked(upload, secretary_a, tree, rows=None, sheet=xlsx) -> ImportJob:
    rows = rows or [member_row(n) for n in range(1, 4)]
    return upload(secretary_a, tree.town_a, sheet(rows, MEMBER_HEADER))


def test_a_checked_file_keeps_the_rows_it_read(upload, secretary_a, tree):
    job = _checked(upload, secretary_a, tree)
    assert job.parsed.storage.exists(job.parsed.name)


def test_a_file_with_errors_keeps_no_rows(upload, secretary_a, tree):
    job = _checked(upload, secretary_a, tree, rows=[member_row(1, 学历="博士后")])
    assert not job.parsed


def test_the_apply_works_without_the_upload(upload, apply, secretary_a, tree):
    job = _checked(upload, secretary_a, tree)
    job.file.storage.delete(job.file.name)
    assert apply(job).created_count == 3


def test_the_apply_does_not_parse_the_upload_again(upload, apply, secretary_a, tree, monkeypatch):
    job = _checked(upload, secretary_a, tree)

    def unreadable(*args, **kwargs):
        raise AssertionError("the upload was read again")

    monkeypatch.setattr(processing, "iter_table", unreadable)
    assert apply(job).status == ImportJob.Status.APPLIED


@pytest.mark.parametrize("sheet", [xlsx, csv_file], ids=["xlsx", "csv"])
def test_a_missing_parsed_file_falls_back_to_the_upload(sheet, upload, apply, secretary_a, tree):
    job = _checked(upload, secretary_a, tree, sheet=sheet)
    job.parsed.storage.delete(job.parsed.name)
    assert apply(job).created_count == 3


def test_a_parsed_file_of_other_columns_falls_back_to_the_upload(
    upload, apply, secretary_a, tree, monkeypatch
):
    job = _checked(upload, secretary_a, tree)
    monkeypatch.setattr(processing, "parsed_rows", lambda job, keys: None)
    assert apply(job).created_count == 3


def test_the_applied_job_deletes_the_rows_it_kept(upload, apply, secretary_a, tree):
    job = _checked(upload, secretary_a, tree)
    storage, name = job.parsed.storage, job.parsed.name
    job = apply(job)
    assert (job.parsed.name, storage.exists(name)) == ("", False)


def test_a_failed_apply_deletes_the_rows_it_kept(upload, apply, secretary_a, tree):
    from tests.factories import make_member

    rows = [member_row(n) for n in range(1, 4)]
    job = _checked(upload, secretary_a, tree, rows=rows)
    storage, name = job.parsed.storage, job.parsed.name
    make_member(tree.branch_a1, phone=rows[2]["手机号码"])
    job = apply(job)
    assert (job.status, storage.exists(name)) == (ImportJob.Status.FAILED, False)


def test_a_stopped_job_deletes_the_rows_it_kept(upload, secretary_a, tree):
    job = _checked(upload, secretary_a, tree)
    storage, name = job.parsed.storage, job.parsed.name
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.APPLYING)
    processing.import_job_stop(job_id=job.pk)
    assert storage.exists(name) is False


def test_excel_dates_read_from_the_kept_rows_are_the_same_dates(upload, apply, secretary_a, tree):
    rows = [
        member_row(
            1, 入党日期=datetime.datetime.fromisoformat("2015-07-01T00:00")
        ),  # naive, as in Excel
        member_row(2, 入党日期=42186),  # Excel's day number of 2015-07-01
    ]
    job = apply(_checked(upload, secretary_a, tree, rows=rows))
    joined = set(Member.objects.values_list("joined_party_on", flat=True))
    assert (job.created_count, joined) == (2, {datetime.date(2015, 7, 1)})


@pytest.mark.parametrize(
    ("kind", "raw", "text"),
    [
        (TEXT, "  王秀玲 ", "王秀玲"),
        (TEXT, 13909710024.0, "13909710024"),
        (TEXT, None, ""),
        (DATE, datetime.datetime.fromisoformat("2024-03-01T12:30"), "2024-03-01"),
        (DATE, datetime.date(2024, 3, 1), "2024-03-01"),
        (DATE, 45352, "2024-03-01"),
        (DATE, "2024年3月1日", "2024年3月1日"),
    ],
)
def test_a_cell_is_kept_as_the_text_its_column_reads(kind, raw, text):
    assert cell_normal(kind, raw) == text


def test_imports_older_than_a_week_are_deleted_with_their_files(upload, secretary_a, tree):
    from members.imports.tasks import import_jobs_purge_task

    old, recent = _checked(upload, secretary_a, tree), _checked(upload, secretary_a, tree)
    week_ago = old.created_at - datetime.timedelta(days=8)
    ImportJob.objects.filter(pk=old.pk).update(created_at=week_ago)
    storage = old.file.storage

    deleted = import_jobs_purge_task.delay().get()

    assert (
        deleted,
        list(ImportJob.objects.values_list("pk", flat=True)),
        storage.exists(old.file.name),
        storage.exists(old.parsed.name),
        storage.exists(recent.file.name),
    ) == (1, [recent.pk], False, False, True)
