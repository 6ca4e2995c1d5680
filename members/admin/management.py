"""Differentiated management: contacts, lost-contact marks, dues, reviews."""

from django.contrib import admin

from members.admin.base import ScopedAdmin
from members.models import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)

# --- Differentiated management (read only: the pages and the API write through the actions) ----


class ManagementAdmin(ScopedAdmin):
    """Audit lists of contacts, marks, dues and reviews, scoped like the pages."""

    list_select_related = ("member",)
    search_fields = ("member__name",)
    raw_id_fields = ("member",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        # Rows of hosted members count too: check against the scoped queryset, not the path.
        visible = admin.ModelAdmin.has_view_permission(self, request, obj)
        return visible and (obj is None or self.get_queryset(request).filter(pk=obj.pk).exists())

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContactLog)
class ContactLogAdmin(ManagementAdmin):
    list_display = ("contacted_on", "member", "side", "channel", "reached", "by")
    list_filter = ("side", "channel", "reached")


@admin.register(LostContactMark)
class LostContactMarkAdmin(ManagementAdmin):
    list_display = ("member", "marked_on", "cleared_on", "by")


@admin.register(DuesRate)
class DuesRateAdmin(ManagementAdmin):
    list_display = ("member", "since", "amount", "quarterly_consent")


@admin.register(DuesPayment)
class DuesPaymentAdmin(ManagementAdmin):
    list_display = ("member", "period_from", "period_to", "amount", "paid_on", "place")
    list_select_related = ("member", "organization")


@admin.register(ActivityCardReview)
class ActivityCardReviewAdmin(ManagementAdmin):
    list_display = ("member", "year", "result", "reviewed_on", "by")
    list_filter = ("result",)


@admin.register(AssignedWork)
class AssignedWorkAdmin(ManagementAdmin):
    list_display = ("member", "description", "assigned_on", "ends_on")
