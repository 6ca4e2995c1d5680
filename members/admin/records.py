"""Mobile records and letters of introduction (read only)."""

from django.contrib import admin
from django.contrib.admin import ShowFacets
from simple_history.admin import SimpleHistoryAdmin

from members.admin.base import CappedCountPaginator
from members.models import (
    IntroductionLetter,
    MobileRecord,
    RecordEvent,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for audits; changes go through the workflow pages and API, where each step is an
    action with its checks, its timeline entry and its notice to the other side."""

    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordEventInline(admin.TabularInline):
    model = RecordEvent
    fields = (
        "created_at",
        "kind",
        "transition",
        "from_status",
        "to_status",
        "side",
        "actor",
        "text",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MobileRecord)
class MobileRecordAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = (
        "member", "status", "outflow_organization", "outflow_external", "inflow_organization",
        "inflow_external", "departure_date", "submitted_at",
    )  # fmt: skip
    list_filter = ("status", "scope", "reason", "unit_type")
    list_select_related = (
        "member", "outflow_organization", "outflow_external", "inflow_organization",
        "inflow_external",
    )  # fmt: skip
    search_fields = ("member__name", "member__name_initials", "employer_name")
    inlines = [RecordEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(IntroductionLetter)
class IntroductionLetterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "committee", "record", "issued_at", "return_slip_received_at")
    list_select_related = ("committee", "record__member")
    search_fields = ("record__member__name",)

    def get_queryset(self, request):
        visible = MobileRecord.objects.visible_to(request.user)
        return super().get_queryset(request).filter(record__in=visible)
