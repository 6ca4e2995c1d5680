"""Monthly needs collection (每月需求收集): a round per organisation per month.

Opening a month's rounds for an organisation's subtree makes one round per branch and one row
per mobile member it manages (outflow members at home, members taken in as the host), written
with one ``INSERT … SELECT``. A secretary fills the rows as a table: reached or not, how, what
is needed and its category; a need becomes a case with one click (``case``). Each round keeps
its counts, kept by the action that fills a row, so the district's summary reads one row per
branch instead of counting every member's row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.files.models import Member
from members.organizations.models import Organization
from members.scoping import ScopePathField
from services.cases.models import Category, ServiceCase
from services.scoping import PathOwnedQuerySet


class NeedsRound(models.Model):
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="needs_rounds", verbose_name=_("branch")
    )
    path = ScopePathField(_("organisation path"))
    month = models.DateField(_("month"))  # its first day
    due_on = models.DateField(_("to be done by"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    # Kept by the actions that open the round and fill its rows.
    members_count = models.PositiveIntegerField(_("members"), default=0)
    asked_count = models.PositiveIntegerField(_("asked"), default=0)
    unreachable_count = models.PositiveIntegerField(_("not reached"), default=0)
    needs_count = models.PositiveIntegerField(_("with needs"), default=0)
    cases_count = models.PositiveIntegerField(_("turned into cases"), default=0)
    reminded_on = models.DateField(_("last reminded"), null=True, blank=True)

    objects = PathOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("needs collection round")
        verbose_name_plural = _("needs collection rounds")
        ordering = ["-month", "path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="needs_round_once")
        ]
        indexes = [
            models.Index(
                fields=["month", "path"],
                name="needs_round_month_path",
                opclasses=["date_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self):
        return f"{self.organization} · {self.month:%Y-%m}"


class NeedsEntry(models.Model):
    class Outcome(models.TextChoices):
        NOT_YET = "", _("Not asked yet")
        NO_NEEDS = "no_needs", _("Reached, no needs")
        NEEDS = "needs", _("Reached, has needs")
        UNREACHABLE = "unreachable", _("Could not be reached")

    class Method(models.TextChoices):
        PHONE = "phone", _("Phone call")
        WECHAT = "wechat", _("WeChat")
        SMS = "sms", _("Text message")
        VISIT = "visit", _("Visit")
        OTHER = "other", _("Other")

    round = models.ForeignKey(
        NeedsRound, models.CASCADE, related_name="entries", verbose_name=_("round")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="needs_entries", verbose_name=_("member")
    )
    path = ScopePathField(_("organisation path"))  # the round's organisation
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default="", blank=True
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices, blank=True)
    needs = models.CharField(_("needs"), max_length=500, blank=True)
    category = models.CharField(
        _("need category"), max_length=20, choices=Category.choices, blank=True
    )
    case = models.ForeignKey(
        ServiceCase,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_entries",
        verbose_name=_("case"),
    )
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled by"),
    )
    filled_at = models.DateTimeField(_("filled"), null=True, blank=True)

    objects = PathOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("needs collection row")
        verbose_name_plural = _("needs collection rows")
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="needs_entry_once")]
        indexes = [
            models.Index(fields=["round", "outcome"], name="needs_entry_round"),
            models.Index(
                fields=["round", "category"],
                name="needs_entry_category",
                condition=Q(outcome="needs"),
            ),
            models.Index(fields=["member"], name="needs_entry_member"),
            # The home card's "not yet asked in my scope": a prefix range on the row's path.
            models.Index(
                fields=["path", "outcome"],
                name="needs_entry_path",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.member}"
