"""The walk over the exports: every list's start page, and one written job of A's secretary.

Anyone signed in may ask for an export of a list (the rows are their own scope's) and so gets
the start page and a job (POST → 302); full ID numbers are offered to writers only. A job is
its user's alone: the page, the progress and the file are 404 to everyone else.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from members.downloads.actions import export_job_start
from members.downloads.models import ExportJob
from tests.members.walk.cases import (
    ANY,
    EVERYONE_OWNS,
    OWNER,
    PAGE,
    RB1,
    SA,
    SB,
    Case,
    Target,
)

# One small file kept once under the (ignored) media folder, so a download has content.
WALK_FILE = "exports/walk-members.xlsx"
FILE_NAME = "大街党员导出-walk.xlsx"
JOB_A = Target("export_job_a", FILE_NAME, {SA: OWNER})
REVEAL_FIELD = 'name="reveal_ids"'


def build(world) -> None:
    job = export_job_start(user=world.users["secretary_a"], export="members")
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(b"PK\x05\x06" + bytes(18)))
    job.status, job.file, job.file_name = ExportJob.Status.DONE, WALK_FILE, FILE_NAME
    job.rows_total = job.rows_done = 1
    job.save()
    world.objects["export_job_a"] = job


def start(name: str, **options) -> Case:
    return Case(
        PAGE,
        "downloads:start",
        {"GET": {ANY: 200}, "POST": {ANY: 302}},
        (EVERYONE_OWNS,),
        args=lambda world, obj: [name],
        label=name,
        **options,
    )


GET_ONLY = {"GET": {OWNER: 200}, "POST": {ANY: 405}}

CASES = [
    Case(
        PAGE,
        "downloads:jobs",
        {"GET": {ANY: 200}, "POST": {ANY: 405}},
        (EVERYONE_OWNS,),
        listing={FILE_NAME: frozenset({SA})},
    ),
    # Full ID numbers are offered to those who write somewhere, on a list of members only.
    start("members", listing={REVEAL_FIELD: frozenset({SA, SB, RB1})}),
    # None on the others: activities and messages name no member's file.
    *(start(name, listing={REVEAL_FIELD: frozenset()}) for name in ("activities", "sent_messages")),
    *(start(name) for name in ("records", "inbox", "warnings")),
    Case(
        PAGE,
        "downloads:start",
        {"GET": {ANY: 404}, "POST": {ANY: 404}},
        (EVERYONE_OWNS,),
        args=lambda world, obj: ["no-such-list"],
        label="unknown",
    ),
    Case(PAGE, "downloads:job", GET_ONLY, (JOB_A,)),
    Case(PAGE, "downloads:job_status", GET_ONLY, (JOB_A,), shows_text=False),
    Case(PAGE, "downloads:download", GET_ONLY, (JOB_A,), shows_text=False),
]
