"""Personal links and what members did through them (the member's timeline of link actions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.files.models import Member, managed_members_condition
from members.outbox import kinds
from members.scoping import ScopedQuerySet


class MemberLinkQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """Links of members managed in the subtrees (home files and hosted mobile members)."""
        return managed_members_condition(paths)

    def usable(self, now=None):
        """Links not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class MemberLink(models.Model):
    """One personal link of one member. The URL carries a signed token naming this row and a
    secret whose hash alone is kept here; revoking or expiry ends it whatever the token says."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="links", verbose_name=_("member")
    )
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last opened"), null=True, blank=True)

    objects = MemberLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"], name="memberlink_member")]

    def __str__(self):
        return f"{self.member} · {self.created_at:%Y-%m-%d}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class LinkEventQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        return managed_members_condition(paths)


class LinkEvent(models.Model):
    """Something a member did through a personal link: on the member's timeline."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="link_events", verbose_name=_("member")
    )
    link = models.ForeignKey(
        MemberLink,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("personal link"),
    )
    # The registered action's name (members.links.registry), e.g. "package_received".
    action = models.CharField(_("action"), max_length=50)
    # What it was done to, as "<app_label>.<model>:<pk>", for a page to link back.
    target = models.CharField(_("concerning"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300)
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects = LinkEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("action through a personal link")
        verbose_name_plural = _("actions through personal links")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["member", "-at"], name="linkevent_member")]

    def __str__(self):
        return f"{self.member} · {self.description}"


# Messages to members are in Chinese whatever the sender's language (like the seed's).
MEMBER_LINK = kinds.register(
    "member_link",
    _("Personal link"),
    default_text="{name}同志：这是您的个人页面（学习、寄送、报到等），{days}天内有效，请勿转发：{url}",
)
