"""`python -m bench imports`: a 100,000-row member file checked and applied, then applied again.

Replaces the data of a database whose name contains "bench" (or given ``--force``) with a small
tree (a county, 10 towns, 100 branches) and one county secretary, writes an .xlsx file of
``--rows`` member rows (openpyxl's write-only mode, in a forked child process so that the file's
making does not count in the peak memory), then times, through the import's own functions:
the dry run, the apply (one transaction), and the same file's second apply (all unchanged).
Peak RSS is read after each step: flat memory means it hardly grows with the rows.
"""

import csv
import datetime
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.db import connection

from bench.database import ensure_bench_database, wipe
from members.demo.samples import fake_id_number, fake_name
from members.files.models import Member, add_years
from members.imports import processing
from members.imports.models import ImportJob
from members.imports.template import MEMBER_COLUMNS
from members.organizations.actions import organization_create
from members.organizations.models import Organization, User

TOWNS, BRANCHES = 10, 10


def run(*, rows: int, file_format: str = "xlsx", force: bool = False) -> None:
    database = ensure_bench_database(force=force)
    print(f"database {database} ({connection.vendor}), {rows:,} rows")
    wipe()
    user, county = _tree()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"党员名单.{file_format}"
        started = time.perf_counter()
        child = multiprocessing.get_context("fork").Process(
            target=write_file, args=(str(path), rows)
        )
        child.start()
        child.join()
        print(f"file: {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
        print(f"peak RSS before the import: {_peak_rss_mb():.0f} MB")
        first = _import(user, county, path, "first apply")
        assert first.created_count == rows, first.failure or first.errors[:3]
        again = _import(user, county, path, "same file again")
        assert again.unchanged_count == rows, again.failure or again.errors[:3]
    print(f"members now: {Member.objects.count():,}")


def _import(user: User, county: Organization, path: Path, label: str) -> ImportJob:
    with path.open("rb") as handle:
        job = ImportJob.objects.create(
            user=user,
            organization=county,
            kind=ImportJob.Kind.MEMBERS,
            file=File(handle, name=path.name),
            file_name=path.name,
        )
    started = time.perf_counter()
    job = processing.import_job_check(job_id=job.pk)
    checked = time.perf_counter() - started
    print(
        f"{label}: dry run {checked:.1f} s ({job.rows_total:,} rows, {job.error_count} with "
        f"errors), peak RSS {_peak_rss_mb():.0f} MB"
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.APPLYING)
    started = time.perf_counter()
    job = processing.import_job_apply(job_id=job.pk)
    applied = time.perf_counter() - started
    print(
        f"{label}: apply {applied:.1f} s ({job.status}: {job.created_count:,} created, "
        f"{job.updated_count:,} updated, {job.unchanged_count:,} unchanged), "
        f"peak RSS {_peak_rss_mb():.0f} MB; check + apply {checked + applied:.1f} s"
    )
    return job


def _tree() -> tuple[User, Organization]:
    system = User.objects.create(username="bench_system", is_superuser=True)
    county = organization_create(
        actor=system, parent=None, name="中共西宁市城东区委", kind="county", region_code="630102"
    )
    for town_number in range(TOWNS):
        town = organization_create(
            actor=system,
            parent=county,
            name=f"第{town_number + 1}街道党工委",
            kind="town",
            region_code="630102",
        )
        for branch_number in range(BRANCHES):
            organization_create(
                actor=system,
                parent=town,
                name=f"第{town_number + 1}街道第{branch_number + 1}社区党支部",
                kind="branch",
                region_code="630102",
            )
    user = User.objects.create(username="bench_import", full_name="导入书记")
    user.assignments.create(organization=county, role="secretary")
    return user, county


def write_file(path: str, rows: int) -> None:
    """The member rows as an .xlsx workbook, written row by row (write-only mode), or .csv."""
    import random

    from openpyxl import Workbook

    rng = random.Random(2026)
    header = [column.header for column in MEMBER_COLUMNS]
    if path.endswith(".csv"):
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for index in range(rows):
                writer.writerow([_row(rng, index).get(h, "") for h in header])
        return
    book = Workbook(write_only=True)
    sheet = book.create_sheet("导入")
    sheet.append(header)
    for index in range(rows):
        sheet.append([_row(rng, index).get(h, "") for h in header])
    book.save(path)


def _row(rng, index: int) -> dict:
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=index // 499)
    gender = "M" if index % 3 else "F"
    joined = add_years(born, 25)
    return {
        "姓名": fake_name(rng),
        "公民身份号码": fake_id_number("630102", born, index % 499 + 1, gender),
        "民族": "汉族",
        "手机号码": f"19{index:09d}",
        "学历": "大学本科",
        "所在党组织": f"第{index % TOWNS + 1}街道第{index // TOWNS % BRANCHES + 1}社区党支部",
        "党员类别": "正式党员",
        "入党日期": joined.isoformat(),
        "技能特长": "焊工、驾驶" if index % 7 == 0 else "",
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
