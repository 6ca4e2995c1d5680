"""Service requests (诉求) handled as cases.

A case concerns one member or a group (story 7: 25 workers owed wages, one case), has a
category with a time limit counted in working days, a handling organisation that may hand it
over with a reason, cooperating departments (劳动监察大队, 司法所) and a timeline of every step
and note. Its status moves through the workflow declared in ``services/cases/workflow.py``.

Who sees a case: its handling organisation's subtree and the home branches of its members
(``CaseQuerySet``): the handling path is kept on the case and each member's home path on the
case's member row, so both are indexed prefix conditions.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.files.models import Member
from members.organizations.models import Organization
from members.scoping import ScopedQuerySet, ScopePathField, scope_paths_repairer, subtree_q
from services.stations.models import ServiceStation
from services.stored_files import StoredFile


class Category(models.TextChoices):
    LAND_LEASE = "land_lease", _("Land or lease dispute")
    UNPAID_WAGES = "unpaid_wages", _("Unpaid wages")
    LABOUR_DISPUTE = "labour_dispute", _("Labour dispute")
    POLICY = "policy", _("Policy consultation")
    JOBS = "jobs", _("Job information")
    BUSINESS = "business", _("Starting a business")
    RIGHTS = "rights", _("Rights protection")
    CHILDREN = "children", _("Left-behind children")
    SKILLS = "skills", _("Skills training")
    HEALTH = "health", _("Health follow-up")
    HARDSHIP = "hardship", _("Hardship")
    OTHER = "other", _("Other")


# Working days a case of each category may take from filing to resolution; an overdue case
# escalates to the organisation above, and again after each further such limit.
CATEGORY_LIMITS = {
    Category.LAND_LEASE: 20,
    Category.UNPAID_WAGES: 10,
    Category.LABOUR_DISPUTE: 15,
    Category.POLICY: 5,
    Category.JOBS: 5,
    Category.BUSINESS: 10,
    Category.RIGHTS: 10,
    Category.CHILDREN: 10,
    Category.SKILLS: 10,
    Category.HEALTH: 10,
    Category.HARDSHIP: 10,
    Category.OTHER: 10,
}


class CaseQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        handled = subtree_q(paths, "handling_path")
        if for_write:
            return handled
        # One IN over a UNION of two index scans: an OR across the join would scan every case.
        held = ServiceCase.objects.filter(handled).order_by().values("pk")
        homes = CaseMember.objects.filter(subtree_q(paths, "home_path")).order_by()
        return Q(pk__in=held.union(homes.values("case_id")))

    def open(self):
        return self.filter(status__in=ServiceCase.OPEN_STATUSES)


class ServiceCase(models.Model):
    Category = Category

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        DECLINED = "declined", _("Declined")

    class Priority(models.TextChoices):
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Channel(models.TextChoices):
        SECRETARY = "secretary", _("Filed by a secretary for the member")
        MEMBER = "member", _("Filed by the member on the phone page")
        NEEDS_ROUND = "needs_round", _("From the monthly needs collection")

    OPEN_STATUSES = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS)

    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"))
    category = models.CharField(_("request category"), max_length=20, choices=Category.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    channel = models.CharField(
        _("filed through"), max_length=12, choices=Channel.choices, default=Channel.SECRETARY
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="service_cases", verbose_name=_("handled by")
    )
    handling_path = ScopePathField(_("handling organisation path"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler"),
    )
    station = models.ForeignKey(
        ServiceStation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("service station"),
    )
    members = models.ManyToManyField(
        Member, through="CaseMember", related_name="service_cases", verbose_name=_("members")
    )
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    due_on = models.DateField(_("due"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    feedback = models.TextField(_("member's feedback"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    escalation_level = models.PositiveSmallIntegerField(_("escalations"), default=0)
    escalated_to = models.ForeignKey(
        Organization,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("escalated to"),
    )

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["handling_path"])

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(
                fields=["handling_path", "-filed_at"],
                name="case_handling_path",
                opclasses=["varchar_pattern_ops", "timestamptz_ops"],
            ),
            models.Index(
                fields=["due_on"],
                name="case_open_due",
                condition=Q(status__in=["submitted", "accepted", "in_progress"]),
            ),
            models.Index(fields=["organization", "status"], name="case_org_status"),
            # The list's order: a page of a province or county walks it and stops.
            models.Index(fields=["-filed_at", "-id"], name="case_newest"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class CaseMember(models.Model):
    """A member the case is about; the home path is kept here for scoping."""

    case = models.ForeignKey(
        ServiceCase, models.CASCADE, related_name="case_members", verbose_name=_("case")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="case_memberships", verbose_name=_("member")
    )
    home_path = ScopePathField(_("home organisation path"))

    class Meta:
        verbose_name = _("member of a case")
        verbose_name_plural = _("members of a case")
        constraints = [models.UniqueConstraint(fields=["case", "member"], name="case_member_once")]
        indexes = [
            models.Index(
                fields=["home_path", "case"],
                name="case_member_home_path",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
            models.Index(fields=["member", "case"], name="case_member_member"),
        ]

    def __str__(self):
        return f"{self.case} · {self.member}"


class CaseDepartment(models.Model):
    """A department brought in to help (劳动监察大队, 司法所), and what it was asked to do."""

    case = models.ForeignKey(
        ServiceCase, models.CASCADE, related_name="departments", verbose_name=_("case")
    )
    name = models.CharField(_("department"), max_length=100)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    asked_for = models.CharField(_("asked to"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("cooperating department")
        verbose_name_plural = _("cooperating departments")
        ordering = ["added_at", "id"]

    def __str__(self):
        return self.name


class CaseEvent(models.Model):
    """One line of the case's timeline: a step, a note, a hand-over, an escalation."""

    class Kind(models.TextChoices):
        STEP = "step", _("Step")
        NOTE = "note", _("Note")
        HANDOVER = "handover", _("Handed over")
        DEPARTMENT = "department", _("Department involved")
        ESCALATION = "escalation", _("Escalated")
        MEMBER = "member", _("From the member")
        ATTACHMENT = "attachment", _("Attachment")

    case = models.ForeignKey(
        ServiceCase, models.CASCADE, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    member = models.ForeignKey(
        Member,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by the member"),
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("case timeline entry")
        verbose_name_plural = _("case timeline")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="case_event_case")]

    def __str__(self):
        return f"{self.case} · {self.get_kind_display()}"


class CaseAttachment(StoredFile):
    """Evidence or papers for the case (type and size checked by ``members.uploads``)."""

    case = models.ForeignKey(
        ServiceCase, models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    file = models.FileField(_("file"), upload_to="services/cases/")

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


@scope_paths_repairer
def _repair_case_paths(*, member_ids=None, prefix: str | None = None) -> int:
    """Recompute the stored paths from the truth: the handling organisation's, and each case
    member's home path (kept on the member by the management chain's own repair, run first)."""
    cases = ServiceCase.objects.order_by()
    rows = CaseMember.objects.order_by()
    if member_ids is not None:
        cases = cases.none()
        rows = rows.filter(member_id__in=member_ids)
    elif prefix is not None:
        cases = cases.filter(subtree_q([prefix], "handling_path"))
        rows = rows.filter(subtree_q([prefix], "home_path"))
    handling = Organization.objects.filter(pk=OuterRef("organization_id")).values("path")[:1]
    home = Member.objects.filter(pk=OuterRef("member_id")).values("home_path")[:1]
    # Rows already right are read, not rewritten.
    written = cases.exclude(handling_path=Subquery(handling)).update(
        handling_path=Subquery(handling)
    )
    return written + rows.exclude(home_path=Subquery(home)).update(home_path=Subquery(home))
