"""The notification outbox: one row per message, unique per (kind, recipient, occasion)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.organizations.models import Organization
from members.outbox import kinds
from members.scoping import ScopedQuerySet, organizations_in, scope_paths, subtree_q


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-app inbox")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user, *, for_write: bool = False):
        """Messages to members whose file lies in the user's subtrees, and the user's own:
        those to them and, to read, those they sent (a member may since have moved away)."""
        paths = scope_paths(user, for_write=for_write)
        if paths is None:
            return self
        condition = subtree_q(paths, "recipient_member__home_path")
        if user.is_authenticated:
            condition |= Q(recipient_user=user)
            if not for_write:
                condition |= Q(sender=user)
        return self.filter(condition)

    def inbox_of(self, user):
        return self.filter(recipient_user=user, channel=Channel.INBOX)


class Notification(models.Model):
    """One message to one member (SMS) or one user (inbox, e-mail), and its delivery state."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")

    kind = models.CharField(_("kind"), max_length=40, validators=[kinds.validate_kind])
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient_member = models.ForeignKey(
        "members.Member",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("member"),
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("user"),
    )
    # The occasion makes a message unique: "2026" for a yearly greeting, a form token for a notice.
    occasion = models.CharField(_("occasion"), max_length=64)
    organization = models.ForeignKey(
        Organization,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sending organisation"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    text = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_member__isnull=True) ^ Q(recipient_user__isnull=True),
                name="notification_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["kind", "recipient_member", "occasion"],
                condition=Q(recipient_member__isnull=False),
                name="notification_member_once",
            ),
            models.UniqueConstraint(
                fields=["kind", "recipient_user", "occasion"],
                condition=Q(recipient_user__isnull=False),
                name="notification_user_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient_user", "-id"],
                condition=Q(recipient_user__isnull=False),
                name="notification_user_id",
            ),
            models.Index(
                fields=["recipient_user"],
                condition=Q(channel="inbox", read_at__isnull=True),
                name="notification_unread",
            ),
            # Small: only rows still waiting, for the sweep that re-dispatches lost sends.
            models.Index(
                fields=["created_at"], condition=Q(status="pending"), name="notification_pending"
            ),
            models.Index(fields=["status", "-id"], name="notification_status_id"),
        ]

    def __str__(self):
        return f"{self.kind_label} → {self.recipient_member or self.recipient_user}"

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)

    @property
    def recipient(self):
        return self.recipient_member or self.recipient_user


class MessageTemplateQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """An organisation's own texts; the city default belongs to administrators alone."""
        return Q(organization__in=organizations_in(paths))


class MessageTemplate(models.Model):
    """Editable text of a kind of message; an organisation's own text overrides the city's."""

    kind = models.CharField(_("kind"), max_length=40, validators=[kinds.validate_kind])
    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for the city-wide default; set it to override for a subtree."),
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {name}, {years}, {organization}, {secretary}, {signature}, {count}, "
            "{date}"
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MessageTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["kind", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organization"], name="message_template_per_organization"
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(organization__isnull=True),
                name="message_template_default",
            ),
        ]

    def __str__(self):
        where = self.organization or _("city default")
        return f"{self.kind_label} · {where}"

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)


# The kinds a secretary writes and sends to members by hand (/notifications/send/).
DISCIPLINE_REMINDER = kinds.register(
    "discipline_reminder",
    _("Discipline reminder"),
    default_text="{name}同志：请严守党的纪律，按时参加组织生活。——{signature}",
    manual=True,
)
NOTICE = kinds.register(
    "notice", _("Notice"), default_text="{name}同志：{organization}通知。", manual=True
)
