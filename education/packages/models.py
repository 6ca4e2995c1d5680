"""Study packages (学习礼包) and their shipments by courier.

A package is a set of items; a dispatch sends it to members in scope, one ``Shipment`` per
member with the postal address, courier and tracking number, moving through a declared
workflow (to pack → sent → delivered → received by the member; or returned). Tracking numbers
come from an uploaded spreadsheet; the member confirms receipt on the phone page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from education.scoping import OwnedQuerySet, PerMemberQuerySet, SharedDownQuerySet
from members.files.models import Member
from members.organizations.models import Organization


class StudyPackage(models.Model):
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="study_packages", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SharedDownQuerySet.as_manager()

    class Meta:
        verbose_name = _("study package")
        verbose_name_plural = _("study packages")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name


class PackageItem(models.Model):
    package = models.ForeignKey(
        StudyPackage, models.CASCADE, related_name="items", verbose_name=_("study package")
    )
    title = models.CharField(_("item"), max_length=200)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)

    class Meta:
        verbose_name = _("package item")
        verbose_name_plural = _("package items")
        ordering = ["id"]

    def __str__(self):
        return f"{self.title} × {self.quantity}"


class DispatchQuerySet(OwnedQuerySet):
    reach = "shipments"


class Dispatch(models.Model):
    """One mailing of a package to a set of members (e.g. the town's 200+ sets this year)."""

    package = models.ForeignKey(
        StudyPackage, models.PROTECT, related_name="dispatches", verbose_name=_("study package")
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="dispatches", verbose_name=_("sent by")
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("members"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("package dispatch")
        verbose_name_plural = _("package dispatches")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "-created_at"], name="dispatch_org")]

    def __str__(self):
        return self.title


class Shipment(models.Model):
    class Status(models.TextChoices):
        TO_PACK = "to_pack", _("To pack")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        RECEIVED = "received", _("Received by the member")
        RETURNED = "returned", _("Returned")

    dispatch = models.ForeignKey(
        Dispatch, models.CASCADE, related_name="shipments", verbose_name=_("dispatch")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="shipments", verbose_name=_("member")
    )
    address = models.CharField(_("postal address"), max_length=300)
    courier = models.CharField(_("courier"), max_length=50, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TO_PACK
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PerMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["dispatch", "member"], name="shipment_once")]
        indexes = [
            models.Index(fields=["dispatch", "status"], name="shipment_dispatch_status"),
            models.Index(fields=["member", "status"], name="shipment_member"),
            models.Index(fields=["tracking_number"], name="shipment_tracking"),
        ]

    def __str__(self):
        return f"{self.dispatch} · {self.member}"
