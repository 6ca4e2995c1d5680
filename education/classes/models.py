"""Online training classes (云课堂 / 线上培训班): scheduled, invited, attended, credited.

A class has a meeting link and a host organisation; invitations go to members city-wide or to a
filtered set, with an SMS when invited and a reminder one hour before (a beat task, once per
invitation). Attendance — joined or absent, with minutes — is recorded on a sheet or imported
from the meeting platform's spreadsheet, and members who joined are credited study hours.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from education.scoping import OwnedQuerySet, PerMemberQuerySet
from members.files.models import Member
from members.organizations.models import Organization


class TrainingClassQuerySet(OwnedQuerySet):
    reach = "invitations"


class TrainingClass(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="training_classes", verbose_name=_("host")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=90)
    meeting_link = models.URLField(_("meeting link"))
    hours = models.DecimalField(
        _("study hours for taking part"), max_digits=4, decimal_places=1, default=Decimal("2.0")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    # How the members were chosen, in words (e.g. "西宁市 · 流动党员"), for the page.
    audience = models.CharField(_("invited"), max_length=200, blank=True)
    reminders_sent_at = models.DateTimeField(_("reminders sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TrainingClassQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-starts_at"], name="trainingclass_org"),
            # The reminder task: scheduled classes starting within the hour, not yet reminded.
            models.Index(
                fields=["starts_at"],
                condition=models.Q(status="scheduled", reminders_sent_at__isnull=True),
                name="trainingclass_to_remind",
            ),
        ]

    def __str__(self):
        return self.title


class ClassInvitation(models.Model):
    """One invited member and, once recorded, their attendance."""

    class Attendance(models.TextChoices):
        INVITED = "", _("Not recorded")
        JOINED = "joined", _("Joined")
        ABSENT = "absent", _("Absent")

    training_class = models.ForeignKey(
        TrainingClass, models.CASCADE, related_name="invitations", verbose_name=_("class")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="class_invitations", verbose_name=_("member")
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    minutes = models.PositiveSmallIntegerField(_("minutes online"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    objects = PerMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("class invitation")
        verbose_name_plural = _("class invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "member"], name="classinvitation_once"
            )
        ]
        indexes = [models.Index(fields=["member", "training_class"], name="classinvitation_member")]

    def __str__(self):
        return f"{self.training_class} · {self.member}"
