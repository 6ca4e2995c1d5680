"""An export the user asked for: which list, with which filters, and the file once written."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """One export of a list page, written by a Celery task; only its user may download it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("user"),
    )
    export = models.CharField(_("list"), max_length=50)  # a name in downloads.registry
    # The list page's query string, encrypted (members.files.crypto): it may hold a full ID
    # number typed into the search.
    params = models.TextField(_("filters"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    reveal_ids = models.BooleanField(_("full ID numbers"), default=False)
    reveal_reason = models.CharField(_("reason for full ID numbers"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_job_user")]

    def __str__(self):
        return self.file_name or f"{self.export} #{self.pk}"
