"""Lessons on the phone (指尖课堂): content published to a group, opened and completed.

Publishing writes one ``LessonDelivery`` per member of the target group (and an SMS through the
outbox); the member reads it on the phone page, where opening and completing are recorded. The
secretary sees who has not opened it and may remind them — at most once per member per lesson
per day.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from education.scoping import OwnedQuerySet, PerMemberQuerySet
from members.files.models import Member
from members.organizations.models import Organization


class LessonQuerySet(OwnedQuerySet):
    reach = "deliveries"


class Lesson(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="lessons", verbose_name=_("published by")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    image = models.ImageField(_("picture"), upload_to="education/lessons/", blank=True)
    video_url = models.URLField(_("video or external link"), blank=True)
    hours = models.DecimalField(
        _("study hours"), max_digits=4, decimal_places=1, default=Decimal("1.0")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # How the members were chosen, in words (e.g. "拦隆口镇 · 流动党员"), for the page.
    audience = models.CharField(_("members"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = LessonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "-created_at"], name="lesson_org")]

    def __str__(self):
        return self.title


class LessonAttachment(models.Model):
    """A file handed out with a lesson (type and size checked by the lesson's actions)."""

    lesson = models.ForeignKey(
        Lesson, models.CASCADE, related_name="attachments", verbose_name=_("lesson")
    )
    file = models.FileField(_("file"), upload_to="education/attachments/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class LessonDelivery(models.Model):
    """The lesson as one member has it: sent, opened, completed, reminded."""

    lesson = models.ForeignKey(
        Lesson, models.CASCADE, related_name="deliveries", verbose_name=_("lesson")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="lesson_deliveries", verbose_name=_("member")
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True)

    objects = PerMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson sent to a member")
        verbose_name_plural = _("lessons sent to members")
        constraints = [
            models.UniqueConstraint(fields=["lesson", "member"], name="lessondelivery_once")
        ]
        indexes = [
            models.Index(fields=["member", "lesson"], name="lessondelivery_member"),
            # "Who has not opened it yet": the lesson's unopened rows.
            models.Index(
                fields=["lesson", "member"],
                condition=models.Q(opened_at__isnull=True),
                name="lessondelivery_unopened",
            ),
        ]

    def __str__(self):
        return f"{self.lesson} · {self.member}"
