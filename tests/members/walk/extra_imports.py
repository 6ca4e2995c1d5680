"""The walk over imports: writers upload into an organisation they write; a job is its
uploader's alone (404 to everyone else, whatever their role).

secretary_a's checked file 党员名单.xlsx (no errors, waiting to be applied) is the one job.
"""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from members.imports.models import ImportJob
from members.imports.template import template_workbook
from tests.members.walk.cases import ANY, NONE, OWNER, RB1, READER, SA, SB, VB, WRITER, Target
from tests.members.walk.table_pages import page, post_only

JOB_A = Target("import_job_a", "党员名单.xlsx", {SA: OWNER})
CREATE_IN_A = Target(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
WRITERS = {OWNER: 200, WRITER: 200, READER: 403, NONE: 403}


def build(world) -> None:
    world.objects["import_job_a"] = ImportJob.objects.create(
        user=world.users["secretary_a"],
        organization=world["town_a"],
        kind=ImportJob.Kind.MEMBERS,
        file=ContentFile(template_workbook("members"), name="党员名单.xlsx"),
        file_name="党员名单.xlsx",
        status=ImportJob.Status.CHECKED,
        rows_total=1,
        rows_done=1,
    )


def _upload(world, obj) -> dict:
    content = template_workbook("members", example={"organization": "大街社区党支部"})
    return {
        "kind": "members",
        "organization": world["town_a"].pk,
        "file": SimpleUploadedFile("新党员.xlsx", content),
    }


CASES = [
    page("imports:jobs", {"GET": {ANY: 200}, "POST": {ANY: 405}}, listing={"党员名单.xlsx": {SA}}),
    page(
        "imports:start",
        {"GET": WRITERS, "POST": {OWNER: 302, WRITER: 200, READER: 403, NONE: 403}},
        CREATE_IN_A,
        data=_upload,
    ),
    page(
        "imports:template",
        {"GET": WRITERS, "POST": {ANY: 405}},
        CREATE_IN_A,
        args=lambda world, obj: ["members"],
    ),
    page("imports:job", {"GET": {OWNER: 200}, "POST": {ANY: 405}}, JOB_A),
    page("imports:job_status", {"GET": {OWNER: 200}, "POST": {ANY: 405}}, JOB_A, shows_text=False),
    page("imports:apply", post_only({OWNER: 302}), JOB_A),
]
