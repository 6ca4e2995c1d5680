"""The record's timeline: every transition and every note from either side."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.mobility.models.records import MobileRecord
from members.mobility.models.workflow import WORKFLOW


class RecordEvent(models.Model):
    """The record's timeline: every transition and every note from either side."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Status change")
        NOTE = "note", _("Note")
        CONTACT = "contact", _("Contact")
        # The member said, through the personal link, that they reported in: a claim for the
        # inflow side to check, not the take-in (which stays the inflow secretary's step).
        MEMBER_REPORT = "member_report", _("Member's report-in")

    record = models.ForeignKey(
        MobileRecord, models.CASCADE, related_name="events", verbose_name=_("mobile record")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    transition = models.CharField(_("transition"), max_length=30, blank=True)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    side = models.CharField(_("side"), max_length=10, blank=True)
    text = models.TextField(_("text"), blank=True)
    # Empty when the member acted through the personal link (members have no account).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record event")
        verbose_name_plural = _("record events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.record_id} {self.kind} {self.transition}"

    @property
    def transition_label(self) -> str:
        transition = WORKFLOW.get(self.transition)
        return str(transition.label) if transition else ""
