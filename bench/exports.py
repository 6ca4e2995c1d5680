"""An Excel export of the province's member list at scale: `python -m bench exports`.

On the database ``python -m bench generate`` filled, as the province's superuser
(``bench_admin``): the member list filtered by the city with the most members (Xining's
≈155,000 of a million) through ``export_job_write`` — the task's own work: the list's rows read
in chunks of 2,000, the file streamed, the progress written after each chunk — timed, with the
process's peak memory (``ru_maxrss``) before and after. A small export (one county) runs first,
so the two peaks show whether memory grows with the rows. ``--organization`` names another.

Everything runs in one transaction that is rolled back, and the files go to a temporary folder
that is removed: the benchmark leaves the database and the media folder as it found them (if
the database predates the export jobs' table, the migration that adds it is applied inside the
same transaction and rolled back with it).
"""

import resource
import tempfile
import time

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count

from members.downloads.actions import export_job_start, export_job_write
from members.downloads.models import ExportJob
from members.files.models import Member
from members.organizations.models import Organization, User
from members.scoping import subtree_q

BUDGET_SECONDS = 30  # for 100,000 rows (the issue)


def run(*, organization: str = "") -> None:
    admin = User.objects.filter(username="bench_admin").first()
    if admin is None:
        raise SystemExit("No benchmark data: run `python -m bench generate` first.")
    with tempfile.TemporaryDirectory() as media, transaction.atomic():
        settings.MEDIA_ROOT = media
        _ensure_table()
        city = _organization(organization)
        county = city.get_children().order_by("path").first()
        print(f"peak memory after start-up: {_peak_mb():,.0f} MB")
        for place in (county, city):
            _export(admin, place)
        transaction.set_rollback(True)


def _ensure_table() -> None:
    if ExportJob._meta.db_table not in connection.introspection.table_names():
        print("the export jobs' table is missing: migrating inside the rolled-back transaction")
        call_command("migrate", "members", verbosity=0)


def _organization(name: str) -> Organization:
    if name:
        return Organization.objects.get(name=name)
    cities = Organization.objects.filter(depth=2)
    counts = {
        city: Member.objects.filter(subtree_q([city.path], "home_path")).aggregate(n=Count("pk"))
        for city in cities
    }
    return max(counts, key=lambda city: counts[city]["n"])


def _export(user: User, place: Organization) -> None:
    job = export_job_start(user=user, export="members", params=f"organization={place.pk}")
    begun = time.perf_counter()
    job = export_job_write(job_id=job.pk)
    seconds = time.perf_counter() - begun
    size = job.file.size if job.file else 0
    rate = job.rows_done / seconds if seconds else 0
    budget = BUDGET_SECONDS * max(job.rows_done, 1) / 100_000
    print(
        f"{place.name}: {job.rows_done:,} rows ({job.status}) in {seconds:,.1f} s "
        f"({rate:,.0f} rows/s; budget {budget:,.1f} s), file {size / 1e6:,.1f} MB, "
        f"peak memory {_peak_mb():,.0f} MB"
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
