"""Admin of mobile records and letters of introduction: read only, for audits."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin_base import ReadOnlyAdmin
from members.mobility.models import IntroductionLetter, MobileRecord, RecordEvent


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
    """Changes go through the workflow pages and API: each step checks the transition table,
    writes the timeline and tells the other side."""

    list_display = (
        "member",
        "status",
        "outflow_organization",
        "outflow_external",
        "inflow_organization",
        "inflow_external",
        "departure_date",
        "submitted_at",
    )
    list_filter = ("status", "scope", "reason", "unit_type")
    list_select_related = (
        "member",
        "outflow_organization",
        "outflow_external",
        "inflow_organization",
        "inflow_external",
    )
    search_fields = ("member__name", "member__name_initials", "employer_name")
    inlines = [RecordEventInline]


@admin.register(IntroductionLetter)
class IntroductionLetterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "committee", "record", "issued_at", "return_slip_received_at")
    list_select_related = ("committee", "record__member")
    search_fields = ("record__member__name",)
