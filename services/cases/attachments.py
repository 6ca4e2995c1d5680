"""Attaching files to a case: evidence (pay slips, a lease, photos) and recorded calls.

The type and size are checked by ``members.uploads`` (extension and first bytes must agree);
the file is kept under media but only ever served through the scoped download page.
"""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from members.organizations.models import User
from members.uploads import allowed_only, attachment_check
from members.workflow import lock
from services.cases.models import CaseAttachment, CaseEvent, ServiceCase
from services.cases.selectors import case_can_write

# Documents, pictures and a recorded phone call (mp3); no videos (too large for the intranet).
CASE_FILE_TYPES = allowed_only("pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "mp3")


@transaction.atomic
def case_attach(*, actor: User, case: ServiceCase, upload: UploadedFile) -> CaseAttachment:
    """Keep the file with the case and say so on its timeline."""
    case = lock(case, "organization")
    if not case_can_write(actor, case):
        raise PermissionDenied(_("Only the handling organisation may change this request."))
    file_type = attachment_check(upload, CASE_FILE_TYPES)
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    attachment = CaseAttachment.objects.create(
        case=case,
        file=upload,
        name=name,
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.ATTACHMENT,
        text=_("Attached %(name)s.") % {"name": name},
        actor=actor,
    )
    return attachment
