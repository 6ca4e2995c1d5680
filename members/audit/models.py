"""The audit log: one append-only row per security-relevant event.

Who did what, when, from where, to which object, with which outcome. The actor is kept as plain
values (id and username), never a foreign key, so deleting an account changes no audit row.
Rows are only ever inserted: the model refuses to save an existing row or delete one, and on
PostgreSQL a trigger (migration 0011) rejects ``UPDATE`` and ``DELETE`` on the table, whoever
sends them. Nothing in the app purges the log; it is kept at least 12 months (docs/security.md).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An audit event cannot be changed or deleted."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events are append-only")

    def delete(self):
        raise AppendOnlyError("audit events are append-only")


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOGOUT = "logout", _("Signed out")
        LOCKOUT = "lockout", _("Account locked")
        DENIED = "denied", _("Access refused")
        ID_REVEAL = "id_reveal", _("Full ID number shown")
        EXPORT = "export", _("File downloaded")
        IMPORT = "import", _("File imported")
        ROLE_CHANGE = "role_change", _("Role or assignment changed")
        TRANSITION = "transition", _("Status changed")

    class Outcome(models.TextChoices):
        OK = "ok", _("Succeeded")
        FAILED = "failed", _("Unsuccessful")
        DENIED = "denied", _("Refused")

    at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    # Plain text: whatever a proxy wrote must never make the audit INSERT fail.
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("object type"),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OK
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["-at"], name="audit_at"),
            models.Index(fields=["kind", "-at"], name="audit_kind_at"),
            models.Index(fields=["actor_id", "-at"], name="audit_actor_at"),
        ]

    def __str__(self):
        at = timezone.localtime(self.at)
        return f"{self.get_kind_display()} · {self.actor_username or '-'} · {at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events are append-only")
