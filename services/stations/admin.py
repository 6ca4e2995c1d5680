"""Service stations in the admin: read through the scoping, changed on the pages."""

from django.contrib import admin

from members.admin_base import ReadOnlyAdmin
from services.stations.models import ServiceStation


@admin.register(ServiceStation)
class ServiceStationAdmin(ReadOnlyAdmin):
    list_display = ("name", "level", "region_code", "organization", "active")
    list_filter = ("level", "active")
    list_select_related = ("organization",)
    search_fields = ("name", "address")
