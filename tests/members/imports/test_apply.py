"""The apply: all or nothing, its progress, and a file of thousands of rows in few queries."""

import pytest
from django.core.cache import cache

from members.files.models import Member
from members.imports import processing, selectors
from members.imports.models import ImportJob
from members.mobility.models import MobileRecord
from tests.factories import make_member, make_record
from tests.members.imports.sheets import (
    MEMBER_HEADER,
    RECORD_HEADER,
    csv_file,
    member_row,
    record_row,
    xlsx,
)
from tests.members.imports.test_records import id_of

pytestmark = pytest.mark.django_db


def test_a_row_failing_at_apply_time_writes_nothing(upload, apply, secretary_a, tree, monkeypatch):
    """Between the check and the apply another file took row 3's mobile number."""
    monkeypatch.setattr(processing, "CHUNK", 2)
    rows = [member_row(n) for n in range(1, 6)]
    job = upload(secretary_a, tree.town_a, xlsx(rows, MEMBER_HEADER))
    make_member(tree.branch_a1, phone=rows[3]["手机号码"])
    apply(job)
    assert Member.objects.count() == 1  # the one made in between


def test_the_failed_apply_says_which_row_and_why(upload, apply, secretary_a, tree):
    rows = [member_row(n) for n in range(1, 4)]
    job = upload(secretary_a, tree.town_a, xlsx(rows, MEMBER_HEADER))
    make_member(tree.branch_a1, phone=rows[2]["手机号码"])
    job = apply(job)
    failed_row = (job.errors[0]["row"], job.errors[0]["column"])
    assert (job.status, failed_row) == (ImportJob.Status.FAILED, (4, "手机号码"))


def test_a_registration_failing_at_apply_time_rolls_back_the_others(
    upload, apply, secretary_a, tree
):
    members = [make_member(tree.branch_a1) for _ in range(3)]
    rows = [record_row(id_of(member)) for member in members]
    job = upload(secretary_a, tree.town_a, xlsx(rows, RECORD_HEADER), kind="records")
    make_record(members[2], departure_date="2025-01-01")
    apply(job)
    assert MobileRecord.objects.count() == 1  # the one made in between


def test_a_job_with_errors_is_not_applied_even_by_the_task(upload, secretary_a, tree):
    rows = [member_row(1, 学历="博士后")]
    job = upload(secretary_a, tree.town_a, xlsx(rows, MEMBER_HEADER))
    processing.import_job_apply(job_id=job.pk)
    assert not Member.objects.exists()


def test_the_dry_run_records_its_progress(upload, secretary_a, tree):
    rows = [member_row(n) for n in range(1, 8)]
    job = upload(secretary_a, tree.town_a, xlsx(rows, MEMBER_HEADER))
    assert (job.rows_done, job.rows_total) == (7, 7)


def test_the_dry_run_updates_the_job_after_each_chunk(upload, secretary_a, tree, monkeypatch):
    monkeypatch.setattr(processing, "CHUNK", 3)
    seen = []
    original = processing._note_errors

    def note(job, errors, rows):
        original(job, errors, rows)
        seen.append(job.rows_done)

    monkeypatch.setattr(processing, "_note_errors", note)
    upload(secretary_a, tree.town_a, xlsx([member_row(n) for n in range(1, 8)], MEMBER_HEADER))
    assert seen == [3, 6, 7]


def test_the_apply_reports_its_progress_through_the_cache(upload, secretary_a, tree):
    job = upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER))
    job.status = ImportJob.Status.APPLYING
    cache.set(processing.progress_key(job.pk), 1)
    assert selectors.import_job_progress(job)["rows_done"] == 1


def test_an_applied_job_counts_every_row_done(upload, apply, secretary_a, tree):
    job = apply(upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER)))
    assert (job.rows_done, job.rows_total, job.created_count) == (1, 1, 1)


def test_an_unreadable_file_fails_with_the_reason(upload, secretary_a, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile("党员.csv", b"\xff\xfe\xfa\xfb" * 10)
    job = upload(secretary_a, tree.town_a, broken)
    assert (job.status, bool(job.failure)) == (ImportJob.Status.FAILED, True)


ROWS = 5000


def test_thousands_of_rows_check_and_apply_in_few_queries(
    upload, apply, secretary_a, tree, django_assert_max_num_queries
):
    rows = [member_row(n) for n in range(1, ROWS + 1)]
    with django_assert_max_num_queries(60):
        job = upload(secretary_a, tree.town_a, csv_file(rows, MEMBER_HEADER))
    # The inserts come in batches: 500 rows on PostgreSQL, fewer on SQLite, which limits the
    # parameters of a statement (about 37 members and their history rows per INSERT).
    with django_assert_max_num_queries(ROWS // 10):
        job = apply(job)
    assert (job.created_count, Member.objects.count()) == (ROWS, ROWS)
