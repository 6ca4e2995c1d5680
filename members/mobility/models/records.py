"""Mobile records (流动党员登记): one period away, reviewed and taken in by the inflow side."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.files.models import Member
from members.mobility.models.choices import Occupation, UnitType
from members.mobility.models.queries import MobileRecordQuerySet
from members.organizations.models import ExternalOrganization, Organization
from members.outbox import kinds
from members.regions import region_name
from members.scoping import ScopePathField
from members.validators import validate_mobile, validate_phone, validate_region_code


class Side(models.TextChoices):
    OUTFLOW = "outflow", _("Outflow side")
    INFLOW = "inflow", _("Inflow side")
    EITHER = "either", _("Either side")


CACHED_FIELDS = [
    "home_path",
    "host_path",
    "last_contact_on",
    "last_cleared_on",
    "open_mark",
    "paid_to",
    "last_life_on",
    "work_until",
    "reviewed_to",
]


class MobileRecord(models.Model):
    """One period a member spends away from the home organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        WAITING = "waiting", _("Waiting to report")
        RETURNED = "returned", _("Returned to outflow side")
        NO_INFLOW = "no_inflow", _("Registered, no inflow organisation")
        TAKEN_IN = "taken_in", _("Taken in")
        ENDED = "ended", _("Ended")

    # The member is away (and managed: warnings, contacts, dues) from registration to the end.
    AWAY_STATUSES = (Status.WAITING, Status.RETURNED, Status.NO_INFLOW, Status.TAKEN_IN)
    # An inflow organisation hosts the member while waiting for report-in and once taken in.
    HOSTED_STATUSES = (Status.WAITING, Status.TAKEN_IN)
    OPEN_STATUSES = (Status.DRAFT, *AWAY_STATUSES)
    # Once submitted, the other side has been told: a registration is ended, not deleted.
    DELETABLE_STATUSES = (Status.DRAFT,)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
    LETTER_STATUSES = (Status.WAITING, Status.RETURNED, Status.TAKEN_IN)

    class Reason(models.TextChoices):
        WORK = "work", _("Work or business")
        STUDY = "study", _("Study")
        FAMILY = "family", _("Following family")
        OTHER = "other", _("Other")

    # What the official statistics table 流动党员情况 counts by (members/statistics).
    Occupation = Occupation
    UnitType = UnitType

    class Scope(models.TextChoices):
        WITHIN_CITY = "city", _("Within the city")
        WITHIN_PROVINCE = "province", _("Across cities within the province")
        CROSS_PROVINCE = "cross_province", _("Across provinces")

    class EndReason(models.TextChoices):
        RETURNED_HOME = "returned_home", _("Returned home")
        MOVED_ON = "moved_on", _("Moved on elsewhere")
        TRANSFERRED = "transferred", _("Organisational relations transferred")

    member = models.ForeignKey(
        Member, models.PROTECT, related_name="mobile_records", verbose_name=_("member")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    previous = models.OneToOneField(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="next",
        verbose_name=_("previous record"),
    )
    initiated_by_inflow = models.BooleanField(_("registered by the inflow side"), default=False)

    # Filled by the outflow side.
    outflow_organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="outflow_records",
        verbose_name=_("outflow organisation"),
    )
    outflow_external = models.ForeignKey(
        ExternalOrganization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="outflow_records",
        verbose_name=_("outflow organisation outside the system"),
    )
    outflow_contact_person = models.CharField(
        _("outflow contact person"), max_length=50, blank=True
    )
    outflow_contact_phone = models.CharField(
        _("outflow contact phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    activity_card_number = models.CharField(
        _("activity card number"),
        max_length=40,
        blank=True,
        help_text=_("流动党员活动证号; leave empty when the member has none"),
    )
    original_occupation = models.CharField(
        _("original occupation"), max_length=20, choices=Occupation.choices
    )
    reason = models.CharField(_("reason for leaving"), max_length=10, choices=Reason.choices)
    unit_type = models.CharField(
        _("destination unit type"), max_length=30, choices=UnitType.choices
    )
    departure_date = models.DateField(_("departure date"))
    expected_months = models.PositiveSmallIntegerField(
        _("expected duration (months)"), null=True, blank=True
    )
    destination_region_code = models.CharField(
        _("destination region code"), max_length=6, validators=[validate_region_code]
    )
    destination_address = models.CharField(_("destination address"), max_length=200)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, editable=False)
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    employer_contact_person = models.CharField(
        _("employer contact person"), max_length=50, blank=True
    )
    employer_contact_phone = models.CharField(
        _("employer contact phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    employer_address = models.CharField(_("employer address"), max_length=200, blank=True)
    employer_party_organization = models.CharField(
        _("employer's Party organisation"), max_length=150, blank=True
    )
    member_phone_there = models.CharField(
        _("member's phone there"), max_length=11, blank=True, validators=[validate_mobile]
    )
    member_address_there = models.CharField(_("member's address there"), max_length=200, blank=True)
    inflow_organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="inflow_records",
        verbose_name=_("inflow organisation"),
    )
    inflow_external = models.ForeignKey(
        ExternalOrganization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="inflow_records",
        verbose_name=_("inflow organisation outside the system"),
    )
    co_management_measures = models.TextField(_("agreed co-management measures"), blank=True)

    # Filled by the inflow side on taking in.
    taken_in_by = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="taken_in_records",
        verbose_name=_("receiving branch"),
    )
    inflow_date = models.DateField(_("inflow date"), null=True, blank=True)
    reported_on = models.DateField(_("reported in on"), null=True, blank=True)
    inflow_contact_person = models.CharField(_("inflow contact person"), max_length=50, blank=True)
    inflow_contact_phone = models.CharField(
        _("inflow contact phone"), max_length=20, blank=True, validators=[validate_phone]
    )

    # Either side.
    returned_reason = models.CharField(_("reason for returning"), max_length=300, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    # Scope (see queries.py): kept by the actions, repaired after moves.
    home_path = ScopePathField(_("home organisation path"))
    host_path = ScopePathField(_("hosting organisation path"))
    # The member's facts the warnings compare with today (followup/facts.py keeps them):
    # the last successful contact, the last day contact was regained, an open lost-contact
    # mark, the paid-to month, the last organisational life taken part in, and the end of
    # the latest assigned work (FAR_FUTURE while ongoing), the latest year the activity card
    # was reviewed for.
    last_contact_on = models.DateField(null=True, editable=False)
    last_cleared_on = models.DateField(null=True, editable=False)
    open_mark = models.BooleanField(default=False, editable=False)
    paid_to = models.DateField(null=True, editable=False)
    last_life_on = models.DateField(null=True, editable=False)
    work_until = models.DateField(null=True, editable=False)
    reviewed_to = models.PositiveSmallIntegerField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MobileRecordQuerySet.as_manager()
    # The stored paths and facts are copies of other rows: not part of the record's history.
    history = HistoricalRecords(excluded_fields=["updated_at", *CACHED_FIELDS])

    class Meta:
        verbose_name = _("mobile record")
        verbose_name_plural = _("mobile records")
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["inflow_organization", "status", "-id"], name="record_inflow_status"
            ),
            models.Index(
                fields=["outflow_organization", "status", "-id"], name="record_outflow_status"
            ),
            models.Index(fields=["status", "submitted_at"], name="record_status_submitted"),
            models.Index(fields=["member", "-departure_date"], name="record_member_departure"),
            # The warnings list, longest away first.
            models.Index(fields=["departure_date", "id"], name="record_departure"),
            # The two halves of every scope condition (PostgreSQL needs the pattern opclass).
            models.Index(
                fields=["home_path"], name="record_home_path", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["host_path"], name="record_host_path", opclasses=["varchar_pattern_ops"]
            ),
            # Category counts over a whole province read this (18 MB), not the table (230 MB).
            models.Index(
                fields=["status"],
                include=[
                    "outflow_organization",
                    "inflow_organization",
                    "taken_in_by",
                    "host_path",
                    "departure_date",
                    "expected_months",
                    "open_mark",
                    "last_contact_on",
                    "last_cleared_on",
                ],
                name="record_category_facts",
            ),
            # The official statistics (members/statistics): a subtree's registered departures
            # grouped by occupation, unit type, scope and card, read from the index alone.
            models.Index(
                fields=["home_path"],
                include=[
                    "departure_date",
                    "ended_on",
                    "created_at",
                    "original_occupation",
                    "unit_type",
                    "scope",
                    "activity_card_number",
                ],
                condition=Q(outflow_organization__isnull=False) & ~Q(status="draft"),
                name="record_statistics",
                opclasses=["varchar_pattern_ops"],
            ),
            # Its supplement: members taken in per receiving organisation, on a given day.
            models.Index(
                fields=["taken_in_by"],
                include=["inflow_date", "ended_on"],
                condition=Q(status__in=["taken_in", "ended"], taken_in_by__isnull=False),
                name="record_taken_in",
            ),
            # The dashboard (members/overview): where a scope's members went, read from the
            # index alone; members returned home, by month.
            models.Index(
                fields=["home_path"],
                include=["status", "outflow_organization", "destination_region_code"],
                name="record_home_destination",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["ended_on"],
                include=["home_path", "outflow_organization"],
                condition=Q(end_reason="returned_home"),
                name="record_returned_home",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(
                    Q(inflow_organization__isnull=False) & Q(inflow_external__isnull=False)
                ),
                name="record_one_inflow",
            ),
            models.CheckConstraint(
                condition=~(
                    Q(outflow_organization__isnull=False) & Q(outflow_external__isnull=False)
                ),
                name="record_one_outflow",
            ),
            # Only one open period per member at a time.
            models.UniqueConstraint(
                fields=["member"], condition=~Q(status="ended"), name="record_one_open_per_member"
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("records:detail", args=[self.pk])

    @property
    def host_organization(self) -> Organization | None:
        """Who hosts the member now: the receiving branch once taken in, else the inflow
        organisation while the registration waits. Mirrors ``hosted_condition``."""
        if self.status not in self.HOSTED_STATUSES:
            return None
        return self.taken_in_by or self.inflow_organization

    def scope_paths_set(self) -> None:
        """Set ``home_path`` and ``host_path`` from the member's file and the host."""
        self.home_path = self.member.organization.path
        host = self.host_organization
        self.host_path = host.path if host is not None else ""

    def side_organization(self, side: str) -> Organization | None:
        """The in-system organisation acting for a side.

        When one side is outside the system (a branch in Chengdu), the other side records its
        steps on its behalf, from the phone call or the return slip.
        """
        if side == Side.INFLOW:
            if self.inflow_external_id:
                return self.outflow_organization
            return self.host_organization
        return self.outflow_organization or (
            self.inflow_organization if self.outflow_external_id else None
        )

    def is_in_system(self, side: str) -> bool:
        """Whether the side's organisation is in the system (not a branch in Chengdu)."""
        if side == Side.INFLOW:
            return not self.inflow_external_id
        return not self.outflow_external_id

    @property
    def implied_member_status(self) -> str | None:
        """What this period says of the member's status (``None``: a draft says nothing)."""
        if self.status == self.Status.DRAFT:
            return None
        if self.status != self.Status.ENDED:
            return Member.Status.MOBILE
        return {
            self.EndReason.RETURNED_HOME: Member.Status.ACTIVE,
            self.EndReason.TRANSFERRED: Member.Status.TRANSFERRED,
        }.get(self.end_reason, Member.Status.MOBILE)

    @property
    def destination_region_name(self) -> str:
        return region_name(self.destination_region_code)

    @property
    def inflow_name(self) -> str:
        target = self.inflow_organization or self.inflow_external
        return str(target) if target else ""

    @property
    def outflow_name(self) -> str:
        source = self.outflow_organization or self.outflow_external
        return str(source) if source else ""


RECORD_UPDATE = kinds.register("record_update", _("Mobile record update"))
RECORD_REMINDER = kinds.register("record_reminder", _("Mobile record reminder"))
