"""Personal links and the actions taken through them, read only; revoking is the one change."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from members.admin_base import ReadOnlyAdmin
from members.links.actions import link_revoke
from members.links.models import LinkEvent, MemberLink


@admin.register(MemberLink)
class MemberLinkAdmin(ReadOnlyAdmin):
    """Links are never shown here (only their hash is kept); a secretary revokes them."""

    list_display = (
        "member",
        "created_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_select_related = ("member", "created_by")
    list_filter = ("revoked_at",)
    search_fields = ("member__name",)
    exclude = ("secret_hash",)
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected links"), permissions=["view"])
    def revoke(self, request, queryset):
        revoked = 0
        for link in queryset.filter(revoked_at__isnull=True).select_related("member"):
            try:
                link_revoke(actor=request.user, link=link)
            except PermissionDenied:
                continue  # a host's view of a member it does not write
            revoked += 1
        self.message_user(request, _("%(count)d links revoked.") % {"count": revoked})


@admin.register(LinkEvent)
class LinkEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "member", "description", "action")
    list_select_related = ("member",)
    search_fields = ("member__name",)
