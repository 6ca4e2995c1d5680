"""Study plans (学习计划) with their reading lists (必读书目), for one member or a group.

A plan is made from a template (readings and target hours an organisation reuses every year),
then gets the year's lessons and classes. Its members are stored as rows when the plan is made
(e.g. all mobile members of 拦隆口镇), so progress per member is read from what each actually
did — lessons completed, classes attended, readings confirmed — never typed again.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from education.classes.models import TrainingClass
from education.lessons.models import Lesson
from education.scoping import OwnedQuerySet, PerMemberQuerySet, SharedDownQuerySet
from members.files.models import Member
from members.organizations.models import Organization
from members.scoping import scope_paths_repairer, subtree_q


class Reading(models.Model):
    """A book or an article on a reading list."""

    class Kind(models.TextChoices):
        BOOK = "book", _("Book")
        ARTICLE = "article", _("Article")
        DOCUMENT = "document", _("Document")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="readings", verbose_name=_("listed by")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOK)
    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author or source"), max_length=100, blank=True)
    url = models.URLField(_("link"), blank=True)
    hours = models.DecimalField(
        _("study hours"), max_digits=4, decimal_places=1, default=Decimal("2.0")
    )

    objects = SharedDownQuerySet.as_manager()

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["title", "id"]

    def __str__(self):
        return f"《{self.title}》" if self.kind == self.Kind.BOOK else self.title


class PlanTemplate(models.Model):
    """What an organisation asks every year: readings and target hours."""

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="plan_templates", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    target_hours = models.DecimalField(
        _("target study hours"), max_digits=5, decimal_places=1, default=Decimal(32)
    )
    readings = models.ManyToManyField(Reading, blank=True, verbose_name=_("required readings"))

    objects = SharedDownQuerySet.as_manager()

    class Meta:
        verbose_name = _("study plan template")
        verbose_name_plural = _("study plan templates")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class StudyPlanQuerySet(OwnedQuerySet):
    reach = "plan_members"


class StudyPlan(models.Model):
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="study_plans", verbose_name=_("made by")
    )
    template = models.ForeignKey(
        PlanTemplate,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("template"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_hours = models.DecimalField(
        _("target study hours"), max_digits=5, decimal_places=1, default=Decimal(32)
    )
    readings = models.ManyToManyField(Reading, blank=True, verbose_name=_("required readings"))
    lessons = models.ManyToManyField(Lesson, blank=True, verbose_name=_("lessons"))
    classes = models.ManyToManyField(TrainingClass, blank=True, verbose_name=_("training classes"))
    # How the members were chosen, in words (e.g. "拦隆口镇 · 流动党员"), for the page.
    audience = models.CharField(_("members"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StudyPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study plan")
        verbose_name_plural = _("study plans")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["organization", "-year"], name="studyplan_org_year")]

    def __str__(self):
        return f"{self.year} · {self.title}"

    def get_absolute_url(self):
        return reverse("education:plans:plan_detail", args=[self.pk])


class PlanMember(models.Model):
    """A member a plan is for.

    The member's name is kept here (a stored copy, like the scope paths) so the plan's progress
    pages through its members by name on an index of this table, instead of sorting every
    member of a county's plan (10,929 at provincial scale) on each page view.
    """

    plan = models.ForeignKey(
        StudyPlan, models.CASCADE, related_name="plan_members", verbose_name=_("study plan")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="study_plans", verbose_name=_("member")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    member_name = models.CharField(_("name"), max_length=50, blank=True, editable=False)

    objects = PerMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a study plan")
        verbose_name_plural = _("members of study plans")
        constraints = [models.UniqueConstraint(fields=["plan", "member"], name="planmember_once")]
        indexes = [
            models.Index(fields=["member", "plan"], name="planmember_member"),
            models.Index(fields=["plan", "member_name", "member"], name="planmember_by_name"),
        ]

    def __str__(self):
        return f"{self.plan} · {self.member}"


class ReadingConfirmation(models.Model):
    """A member says they have read a required reading (on the phone page or to a secretary)."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="readings_confirmed", verbose_name=_("member")
    )
    reading = models.ForeignKey(
        Reading, models.CASCADE, related_name="confirmations", verbose_name=_("reading")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)
    through_link = models.BooleanField(_("confirmed by the member"), default=False)

    objects = PerMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("reading confirmed")
        verbose_name_plural = _("readings confirmed")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "reading", "year"], name="readingconfirmation_once"
            )
        ]

    def __str__(self):
        return f"{self.member} · {self.reading}"


@scope_paths_repairer
def _repair_member_names(*, member_ids=None, prefix: str | None = None) -> int:
    """The stored copies of members' names on their plans, after a file changed (or nightly)."""
    rows = PlanMember.objects.order_by()
    if member_ids is not None:
        rows = rows.filter(member_id__in=member_ids)
    elif prefix is not None:
        rows = rows.filter(subtree_q([prefix], "member__home_path"))
    name = Member.objects.filter(pk=OuterRef("member_id")).values("name")[:1]
    # Rows already right are read, not rewritten.
    return rows.exclude(member_name=Subquery(name)).update(member_name=Subquery(name))
