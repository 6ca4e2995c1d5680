"""Hardship subsidies in the admin: read through the scoping, decided on the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin_base import ReadOnlyAdmin
from services.subsidies.models import SubsidyApplication, SubsidyAttachment


class AttachmentInline(admin.TabularInline):
    model = SubsidyAttachment
    fields = ("name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(SubsidyApplication)
class SubsidyApplicationAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("member", "year", "amount", "status", "organization", "approver")
    list_filter = ("status", "year")
    list_select_related = ("member", "organization", "approver")
    search_fields = ("member__name",)
    inlines = [AttachmentInline]
