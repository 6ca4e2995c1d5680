"""Hardship subsidies (困难党员补助): applied for by the member's branch, decided above.

A branch applies for one of its members with a reason, an amount in yuan and supporting papers;
the organisation directly above the applying branch approves or declines it, and marks it paid.
The workflow is declared in ``services/subsidies/workflow.py``; totals per member and year are
summed from the paid and approved applications.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.files.models import Member
from members.organizations.models import Organization
from members.scoping import ScopePathField
from services.scoping import PerMemberQuerySet
from services.stored_files import StoredFile


class SubsidyApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        PAID = "paid", _("Paid")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    member = models.ForeignKey(
        Member, models.PROTECT, related_name="subsidy_applications", verbose_name=_("member")
    )
    organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="subsidy_applications",
        verbose_name=_("applied by"),
    )
    # The organisation that decides: the one directly above the applying branch.
    approver = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    approver_path = ScopePathField(_("deciding organisation path"))
    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.TextField(_("reason"))
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    objects = PerMemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["approver_path"])

    class Meta:
        verbose_name = _("hardship subsidy")
        verbose_name_plural = _("hardship subsidies")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["member", "year"], name="subsidy_member_year"),
            # The list's order: a page of a province or county walks it and stops.
            models.Index(fields=["-submitted_at", "-id"], name="subsidy_newest"),
            models.Index(
                fields=["approver_path", "status"],
                name="subsidy_approver",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.year} · ¥{self.amount}"


class SubsidyAttachment(StoredFile):
    application = models.ForeignKey(
        SubsidyApplication,
        models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    file = models.FileField(_("file"), upload_to="services/subsidies/")

    class Meta(StoredFile.Meta):
        verbose_name = _("supporting file")
        verbose_name_plural = _("supporting files")
