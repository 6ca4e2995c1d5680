"""Letters of introduction (介绍信) the outflow side issues for a mobile record."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.mobility.models.records import MobileRecord
from members.organizations.models import Organization
from members.scoping import ScopedQuerySet


def new_verification_code() -> str:
    return secrets.token_urlsafe(12)


class LetterSequence(models.Model):
    """Last serial used by a committee in a year; locked row makes numbering gap-free."""

    committee = models.ForeignKey(Organization, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="letter_sequence_unique")
        ]

    def __str__(self):
        return f"{self.committee} {self.year}: {self.last_serial}"


class LetterQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """Letters of the records in the subtrees' scope."""
        records = MobileRecord.objects.filter(
            MobileRecord.objects.scope_condition(paths, for_write=for_write)
        )
        return Q(record__in=records)


class IntroductionLetter(models.Model):
    """A numbered letter with the member's basics and co-management suggestions (三向共管)."""

    record = models.ForeignKey(
        MobileRecord, models.PROTECT, related_name="letters", verbose_name=_("mobile record")
    )
    committee = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("issuing committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial"))
    dues_paid_to = models.DateField(
        _("dues paid up to (month)"),
        null=True,
        blank=True,
        help_text=_("The first day of the last month paid"),
    )
    validity_days = models.PositiveSmallIntegerField(_("valid for (days)"), default=30)
    suggestions_for_inflow = models.TextField(_("suggestions for the inflow organisation"))
    suggestions_for_employer = models.TextField(_("suggestions for the employer"), blank=True)
    verification_code = models.CharField(
        max_length=32, unique=True, default=new_verification_code, editable=False
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    return_slip_received_at = models.DateTimeField(_("return slip received"), null=True, blank=True)
    print_count = models.PositiveIntegerField(_("times printed"), default=0)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter of introduction")
        verbose_name_plural = _("letters of introduction")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "serial"], name="letter_number_unique"
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("records:letter_detail", args=[self.pk])

    def get_verify_url(self):
        return reverse("letter_verify", args=[self.verification_code])

    @property
    def number(self) -> str:
        """Letter number: year + serial, e.g. 2026-0007."""
        return f"{self.year}-{self.serial:04d}"

    @property
    def valid_until(self):
        return timezone.localtime(self.issued_at).date() + timedelta(days=self.validity_days)
