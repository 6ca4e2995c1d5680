"""What the service chain keeps of an uploaded file (a case's evidence, a subsidy's papers):
the file checked by ``members.uploads``, its name, type, size and who uploaded it when."""

from django.conf import settings
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.audit.actions import Kind, audit_record


class StoredFile(models.Model):
    """Abstract: a subclass adds the object the file belongs to and its ``file`` field (each
    kind of object keeps its files in its own folder)."""

    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


def stored_file_response(stored: StoredFile) -> FileResponse:
    """The file as a download, for a view that has already read ``stored`` through its scoped
    selector (never a public media URL); a file lost from the storage is a 404, not a crash."""
    try:
        content = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit_record(kind=Kind.EXPORT, obj=stored)  # the request being served names who and where
    return FileResponse(
        content, as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
