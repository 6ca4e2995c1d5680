"""Differentiated management (差异化管理): contact log, lost-contact marks, dues, card reviews.

Warnings computed from these rows (``members/followup/rules.py``) are prompts for a secretary to
act on (arts. 24, 25, 31); nothing here changes a member's status by itself.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import DateField, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.files.models import Member, managed_members_condition
from members.mobility.models import RECORD_LISTENERS, MobileRecord
from members.organizations.models import Organization
from members.orglife.models import ATTENDANCE_LISTENERS, Attendance
from members.outbox import kinds
from members.scoping import ScopedQuerySet


class ManagedQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """Rows of members managed in the subtrees: home files and hosted mobile members."""
        return managed_members_condition(paths)


# The vocabulary of differentiated management (差异化管理); the rules live in rules.py.


class Category(models.TextChoices):
    LOST_CONTACT = "lost_contact", _("Lost contact")
    FIXED_PLACE = "fixed_place", _("Long-term at a fixed place (should transfer)")
    TAKEN_IN = "taken_in", _("Taken in by an inflow branch")
    ONLINE_HOME = "online_home", _("Not taken in: online with the home branch")


class Code(models.TextChoices):
    SHOULD_TRANSFER = "transfer", _("Should transfer organisational relations (art. 25)")
    LOST_CONTACT = "lost_contact", _("Lost contact for six months (art. 24)")
    DUES_UNPAID = "dues", _("Dues unpaid for six months")
    CARD_REVIEW = "card_review", _("Activity card not reviewed for last year")
    LEAVING = "art31", _("Six months without organisational life, dues or work (art. 31)")


class ManagementSide(models.TextChoices):
    OUTFLOW = "outflow", _("Outflow side")
    INFLOW = "inflow", _("Inflow side")


class ContactLog(models.Model):
    """One attempt by either side to reach a mobile member (art. 32: regular contact)."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        WECHAT = "wechat", _("WeChat")
        VISIT = "visit", _("Visit")
        LETTER = "letter", _("Letter")
        OTHER = "other", _("Other")

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="contacts", verbose_name=_("member")
    )
    record = models.ForeignKey(
        MobileRecord,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("mobile record"),
    )
    side = models.CharField(_("side"), max_length=10, choices=ManagementSide.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    contacted_on = models.DateField(_("contacted on"))
    reached = models.BooleanField(_("reached the member"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contact log")
        ordering = ["-contacted_on", "-id"]
        indexes = [
            # The last successful contact per member drives the lost-contact warning.
            models.Index(fields=["member", "reached", "-contacted_on"], name="contact_member_last"),
        ]

    def __str__(self):
        return f"{self.member} · {self.contacted_on} · {self.get_channel_display()}"


class LostContactMark(models.Model):
    """A secretary's explicit finding that a member is lost (失联), and when contact came back."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="lost_contact_marks", verbose_name=_("member")
    )
    record = models.ForeignKey(
        MobileRecord,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mobile record"),
    )
    marked_on = models.DateField(_("lost contact since"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("marked by")
    )
    cleared_on = models.DateField(_("contact regained on"), null=True, blank=True)
    cleared_note = models.CharField(_("note on regaining contact"), max_length=300, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cleared by"),
    )

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lost-contact mark")
        verbose_name_plural = _("lost-contact marks")
        ordering = ["-marked_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(cleared_on__isnull=True), name="lost_contact_open"
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.marked_on}"


class DuesRate(models.Model):
    """A member's monthly dues from a month on, and whether they agreed to pay quarterly."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="dues_rates", verbose_name=_("member")
    )
    amount = models.DecimalField(_("monthly dues (yuan)"), max_digits=9, decimal_places=2)
    since = models.DateField(_("from month"), help_text=_("The first day of the month"))
    quarterly_consent = models.BooleanField(_("consents to pay quarterly"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("set by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ManagedQuerySet.as_manager()
    # A corrected rate keeps the one it replaced.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dues rate")
        verbose_name_plural = _("dues rates")
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(fields=["member", "since"], name="dues_rate_once_per_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.member} · {self.amount} · {self.since:%Y-%m}"


class DuesPayment(models.Model):
    """Dues paid for a run of months (党费), at the home or the inflow branch."""

    class Place(models.TextChoices):
        HOME = "home", _("Home branch")
        INFLOW = "inflow", _("Inflow branch")

    member = models.ForeignKey(
        Member, models.PROTECT, related_name="dues_payments", verbose_name=_("member")
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=9, decimal_places=2)
    period_from = models.DateField(_("from month"))
    period_to = models.DateField(_("to month"))
    paid_on = models.DateField(_("paid on"))
    place = models.CharField(_("paid at"), max_length=10, choices=Place.choices)
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("received by")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-period_to", "-id"]
        indexes = [models.Index(fields=["member", "-period_to"], name="dues_member_paid_to")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_from__lte=F("period_to")), name="dues_period_ordered"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_amount_positive"),
        ]

    def __str__(self):
        return f"{self.member} · {self.period_from:%Y-%m}–{self.period_to:%Y-%m}"


class ActivityCardReview(models.Model):
    """The yearly review (年审) of a mobile member's activity card."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        NEEDS_CORRECTION = "needs_correction", _("Needs correction")
        NOT_PASSED = "not_passed", _("Not passed")

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="card_reviews", verbose_name=_("member")
    )
    record = models.ForeignKey(
        MobileRecord,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="card_reviews",
        verbose_name=_("mobile record"),
    )
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    reviewed_on = models.DateField(_("reviewed on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("reviewed by")
    )

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity-card review")
        verbose_name_plural = _("activity-card reviews")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="card_review_once_a_year")
        ]

    def __str__(self):
        return f"{self.member} · {self.year} · {self.get_result_display()}"


class AssignedWork(models.Model):
    """Work the branch gave a member (art. 31 counts it alongside meetings and dues)."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="assigned_work", verbose_name=_("member")
    )
    description = models.CharField(_("work"), max_length=300)
    assigned_on = models.DateField(_("assigned on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty for ongoing work")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assigned work")
        verbose_name_plural = _("assigned work")
        ordering = ["-assigned_on", "-id"]
        indexes = [models.Index(fields=["member", "-assigned_on"], name="work_member_assigned")]

    def __str__(self):
        return f"{self.member} · {self.description}"


MANAGEMENT_WARNING = kinds.register("management_warning", _("Management warning (for secretaries)"))


# --- The warning facts stored on each record -------------------------------------------------

# The end of work assigned without an end date: it never lapses while it runs.
FAR_FUTURE = datetime.date(9999, 12, 31)


def record_facts_refresh(*, record_ids=None, member_ids=None) -> int:
    """Recompute the facts the warnings read (``MobileRecord.last_contact_on`` …) from the
    rows they come from, for the given records, or the away records of the given members, or
    (with neither) every away record. One UPDATE; the actions call it after each write, the
    nightly repair for all."""
    records = MobileRecord.objects.all()
    if record_ids is not None:
        records = records.filter(pk__in=record_ids)
    if member_ids is not None:
        records = records.filter(member__in=member_ids, status__in=MobileRecord.AWAY_STATUSES)
    if record_ids is None and member_ids is None:
        records = records.filter(status__in=MobileRecord.AWAY_STATUSES)
    return records.update(**_fact_values())


def _latest(queryset, expression, output_field=None):
    """The greatest value of the member's rows, as a correlated subquery."""
    rows = queryset.filter(member=OuterRef("member_id")).order_by().values("member_id")
    latest = rows.annotate(latest=Max(expression)).values("latest")
    return Subquery(latest, output_field=output_field)


def _fact_values() -> dict:
    attended = Attendance.objects.filter(
        status__in=Attendance.TOOK_PART, activity__held_at__lte=timezone.now()
    )
    work = AssignedWork.objects.annotate(until=Coalesce("ends_on", Value(FAR_FUTURE)))
    open_marks = LostContactMark.objects.filter(member=OuterRef("member_id"), cleared_on=None)
    return {
        "last_contact_on": _latest(ContactLog.objects.filter(reached=True), "contacted_on"),
        "last_cleared_on": _latest(
            LostContactMark.objects.filter(cleared_on__isnull=False), "cleared_on"
        ),
        "open_mark": Exists(open_marks),
        "paid_to": _latest(DuesPayment.objects.all(), "period_to"),
        "last_life_on": _latest(attended, TruncDate("activity__held_at"), DateField()),
        "work_until": _latest(work, "until", DateField()),
        "reviewed_to": _latest(ActivityCardReview.objects.all(), "year"),
    }


def _refresh_records(record_ids: list[int]) -> None:
    record_facts_refresh(record_ids=record_ids)


def _refresh_members(member_ids: list[int]) -> None:
    record_facts_refresh(member_ids=member_ids)


RECORD_LISTENERS.append(_refresh_records)
ATTENDANCE_LISTENERS.append(_refresh_members)
