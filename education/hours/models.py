"""Study hours (学时): one ledger of what a member actually studied, per year.

Lessons completed, classes attended and readings confirmed each credit hours once (unique per
source). The member's file shows the year's total against the 32-hour line (党员教育管理工作条例
art. 20) — a line to reach, never a ranking of members.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from education.scoping import PerMemberQuerySet
from members.files.models import Member

REQUIRED_HOURS_PER_YEAR = Decimal(32)


class StudyCredit(models.Model):
    class Source(models.TextChoices):
        LESSON = "lesson", _("Lesson completed")
        CLASS = "class", _("Training class attended")
        READING = "reading", _("Reading confirmed")
        OTHER = "other", _("Other concentrated study")

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="study_credits", verbose_name=_("member")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.DecimalField(_("study hours"), max_digits=5, decimal_places=1)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    # The lesson, class or reading credited (its id); with ``source``, unique per member.
    source_id = models.PositiveBigIntegerField()
    description = models.CharField(_("description"), max_length=200)
    studied_on = models.DateField(_("studied on"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = PerMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("study hours credit")
        verbose_name_plural = _("study hours credits")
        ordering = ["-studied_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "source", "source_id"], name="studycredit_once"
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="studycredit_positive"),
        ]
        indexes = [models.Index(fields=["member", "year"], name="studycredit_member_year")]

    def __str__(self):
        return f"{self.member} · {self.hours} · {self.description}"
