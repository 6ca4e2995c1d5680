"""Attaching files to a case: evidence (pay slips, a lease, photos) and recorded calls.

The type and size are checked by ``members.uploads`` (extension and first bytes must agree);
the file is kept under media but only ever served through the scoped download page.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from members.organizations.models import User
from members.uploads import allowed_only, attachment_check
from services.cases.actions import _event, _locked
from services.cases.models import CaseAttachment, CaseEvent, ServiceCase

# Documents, pictures and a recorded phone call (mp3); no videos (too large for the intranet).
CASE_FILE_TYPES = allowed_only("pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "mp3")


@transaction.atomic
def case_attach(*, actor: User, case: ServiceCase, upload: UploadedFile) -> CaseAttachment:
    """Keep the file with the case and say so on its timeline."""
    case = _locked(actor, case)
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
    _event(case, CaseEvent.Kind.ATTACHMENT, _("Attached %(name)s.") % {"name": name}, actor=actor)
    return attachment
