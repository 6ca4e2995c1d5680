"""An uploaded import file, its dry run's findings and its apply's result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.organizations.models import Organization


class ImportJob(models.Model):
    """One uploaded file: checked first (dry run), applied only when it has no bad row."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Members")
        RECORDS = "records", _("Mobile registrations")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked")
        APPLYING = "applying", _("Being applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("user"),
    )
    # The subtree the rows must belong to: one the user may write.
    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(_("contents"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=200)
    # The rows as the dry run read them (gzip'd csv of text cells), which the apply reads
    # instead of parsing the upload again; deleted once the job is applied or has failed.
    parsed = models.FileField(_("rows read"), upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    # The first errors found, each {"row": n, "column": header, "message": reason}.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    failure = models.CharField(_("failure"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="import_job_user")]

    def __str__(self):
        return self.file_name
