"""Care (关怀): care records on a member's file and holiday campaigns of visits.

A care record says who cared for whom and how: a holiday visit, a hospital visit, help with a
child's school enrolment, help for a left-behind elder or child (the member's family records in
``members.files``). A holiday campaign (春节走访慰问) makes a to-do list of visits for the branches
in the organiser's scope — one visit per family member needing care, or per member where none
is recorded — and each visit done becomes a care record. The political-birthday greeting the
management chain sends is shown with the care records on the file.
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.files.models import FamilyMember, Member
from members.organizations.models import Organization
from members.scoping import ScopePathField, scope_paths_repairer, subtree_q
from services.scoping import PathOwnedQuerySet, PerMemberQuerySet


class CareCampaign(models.Model):
    class Holiday(models.TextChoices):
        SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
        LANTERN = "lantern", _("Lantern Festival")
        DRAGON_BOAT = "dragon_boat", _("Dragon Boat Festival")
        PARTY_DAY = "july_first", _("Party's founding day (1 July)")
        MID_AUTUMN = "mid_autumn", _("Mid-autumn Festival")
        NATIONAL_DAY = "national_day", _("National Day")
        DOUBLE_NINTH = "double_ninth", _("Double Ninth Festival (elders)")
        OTHER = "other", _("Other occasion")

    class Focus(models.TextChoices):
        ALL = "all", _("Every family needing care")
        ELDERS = "elders", _("Left-behind elders")
        CHILDREN = "children", _("Left-behind children")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="care_campaigns", verbose_name=_("organiser")
    )
    path = ScopePathField(_("organisation path"))
    name = models.CharField(_("name"), max_length=100)
    holiday = models.CharField(_("occasion"), max_length=20, choices=Holiday.choices)
    focus = models.CharField(_("who to visit"), max_length=10, choices=Focus.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Kept by the actions that make the list and record visits.
    visits_count = models.PositiveIntegerField(_("visits planned"), default=0)
    done_count = models.PositiveIntegerField(_("visits done"), default=0)

    objects = PathOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("care campaign")
        verbose_name_plural = _("care campaigns")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(
                fields=["path", "-starts_on"],
                name="care_campaign_path",
                opclasses=["varchar_pattern_ops", "date_ops"],
            )
        ]

    def __str__(self):
        return self.name


class CareRecord(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY_VISIT = "holiday_visit", _("Holiday visit")
        HOSPITAL_VISIT = "hospital_visit", _("Hospital visit")
        SCHOOL = "school", _("Help with school enrolment")
        ELDER = "elder", _("Help for a left-behind elder")
        CHILD = "child", _("Help for a left-behind child")
        HARDSHIP = "hardship", _("Help in hardship")
        OTHER = "other", _("Other care")

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="care_records", verbose_name=_("member")
    )
    family_member = models.ForeignKey(
        FamilyMember,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="care_records",
        verbose_name=_("family member"),
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="care_records", verbose_name=_("by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on_date = models.DateField(_("date"))
    description = models.TextField(_("what was done"))
    campaign = models.ForeignKey(
        CareCampaign,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("campaign"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = PerMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care record")
        verbose_name_plural = _("care records")
        ordering = ["-on_date", "-id"]
        indexes = [
            models.Index(fields=["member", "-on_date"], name="care_record_member"),
            # The list's order: a page of a province or county walks it and stops.
            models.Index(fields=["-on_date", "-id"], name="care_record_newest"),
        ]

    def __str__(self):
        return f"{self.member} · {self.get_kind_display()}"


class CareVisit(models.Model):
    """One visit on a campaign's list: a member's family member needing care (or the member's
    family as a whole when none is recorded), for the member's home branch to make."""

    class Status(models.TextChoices):
        TO_VISIT = "to_visit", _("To visit")
        VISITED = "visited", _("Visited")
        NOT_NEEDED = "not_needed", _("Not needed")

    campaign = models.ForeignKey(
        CareCampaign, models.CASCADE, related_name="visits", verbose_name=_("campaign")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="care_visits", verbose_name=_("member")
    )
    family_member = models.ForeignKey(
        FamilyMember,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="care_visits",
        verbose_name=_("family member"),
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_VISIT
    )
    record = models.OneToOneField(
        CareRecord,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit",
        verbose_name=_("care record"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)

    objects = PerMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care visit")
        verbose_name_plural = _("care visits")
        ordering = ["organization", "id"]
        constraints = [
            # Two partial constraints, not ``nulls_distinct``: SQLite (the embedded default)
            # has no such option and would let the family-wide visit in twice.
            models.UniqueConstraint(
                fields=["campaign", "member", "family_member"],
                name="care_visit_once",
                condition=Q(family_member__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["campaign", "member"],
                name="care_visit_family_once",
                condition=Q(family_member__isnull=True),
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "organization", "status"], name="care_visit_list"),
            models.Index(fields=["member"], name="care_visit_member"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.family_member or self.member}"


@scope_paths_repairer
def _repair_campaign_paths(*, member_ids=None, prefix: str | None = None) -> int:
    """Recompute the campaigns' organiser paths from the organisations (the truth) after a
    subtree moved; a member's move changes no campaign."""
    if member_ids is not None:
        return 0
    campaigns = CareCampaign.objects.order_by()
    if prefix is not None:
        campaigns = campaigns.filter(subtree_q([prefix], "path"))
    path = Subquery(Organization.objects.filter(pk=OuterRef("organization_id")).values("path")[:1])
    # Rows already right are read, not rewritten.
    return campaigns.exclude(path=path).update(path=path)
