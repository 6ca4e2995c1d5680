"""Organisational life: activities and attendance."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin_base import ReadOnlyAdmin, ScopedAdmin
from members.orglife import actions as orglife_actions
from members.orglife.models import Activity, Attendance
from members.orglife.selectors import attendance_queryset


class AttendanceInline(admin.TabularInline):
    """Attendance is recorded on the sheet page (one action, one rule); shown here to read."""

    model = Attendance
    fields = ("member", "status", "note", "recorded_by", "recorded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        visible = attendance_queryset(user=request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible).select_related("member")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """Activities held in the user's subtrees (or attended by its members), saved by actions."""

    list_display = ("held_at", "kind", "title", "organization", "online")
    list_filter = ("kind", "online")
    list_select_related = ("organization",)
    search_fields = ("title",)
    date_hierarchy = None
    fields = ("organization", "kind", "title", "held_at", "online", "location", "content")
    inlines = [AttendanceInline]

    def get_readonly_fields(self, request, obj=None):
        return ("organization",) if obj else ()

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in orglife_actions.ACTIVITY_FIELDS}
        if change:
            saved = orglife_actions.activity_update(actor=request.user, activity=obj, **fields)
        else:
            saved = orglife_actions.activity_create(
                actor=request.user, organization=form.cleaned_data["organization"], **fields
            )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        orglife_actions.activity_delete(actor=request.user, activity=obj)


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    """Attendance rows, read only: at activities held in scope or of members in scope."""

    list_display = ("activity", "member", "status", "recorded_by", "recorded_at")
    list_filter = ("status",)
    list_select_related = ("activity", "member", "recorded_by")
    search_fields = ("member__name", "activity__title")
