"""Care in the admin: read through the scoping for audits; every change is an action on the
pages or through the API."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin_base import ReadOnlyAdmin
from services.care.models import CareCampaign, CareRecord, CareVisit


@admin.register(CareCampaign)
class CareCampaignAdmin(ReadOnlyAdmin):
    list_display = ("name", "organization", "starts_on", "ends_on", "done_count", "visits_count")
    list_select_related = ("organization",)
    search_fields = ("name",)


@admin.register(CareRecord)
class CareRecordAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("member", "kind", "on_date", "organization")
    list_select_related = ("member", "organization")
    list_filter = ("kind",)
    search_fields = ("member__name",)


@admin.register(CareVisit)
class CareVisitAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("campaign", "member", "family_member", "organization", "status")
    list_select_related = ("campaign", "member", "family_member", "organization")
    list_filter = ("status",)
