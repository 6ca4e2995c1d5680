"""Service requests in the admin: read through the case's scoping rule, never saved here; the
simple steps (accept, start) are admin actions that go through ``case_step``."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from education.admin_base import ReadOnlyAdmin
from members.scoping import has_write_role
from members.workflow import TransitionError
from services.cases import actions
from services.cases.models import CaseDepartment, CaseEvent, CaseMember, ServiceCase


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    max_num = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MemberInline(ReadOnlyInline):
    model = CaseMember
    fields = ("member",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


class DepartmentInline(ReadOnlyInline):
    model = CaseDepartment
    fields = ("name", "contact", "asked_for", "added_by", "added_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("added_by")


class EventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("at", "kind", "actor", "member", "text")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "member")


def _step_action(step: str, description):
    def run(modeladmin, request, queryset):
        done = 0
        for case in queryset:
            try:
                actions.case_step(actor=request.user, case=case, step=step)
            except (TransitionError, PermissionDenied, ValidationError):
                continue
            done += 1
        modeladmin.message_user(request, _("%(n)d changed.") % {"n": done}, messages.INFO)

    run.__name__ = f"step_{step}"
    return admin.action(description=description)(run)


@admin.register(ServiceCase)
class ServiceCaseAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("title", "category", "status", "organization", "due_on", "escalation_level")
    list_filter = ("status", "category", "priority", "channel")
    list_select_related = ("organization",)
    search_fields = ("title",)
    inlines = [MemberInline, DepartmentInline, EventInline]
    actions = [
        _step_action("accept", _("Accept the chosen requests")),
        _step_action("start", _("Start handling the chosen requests")),
    ]
    exclude = ("handling_path",)

    def get_actions(self, request):
        found = super().get_actions(request)
        if not has_write_role(request.user):
            found.pop("step_accept", None)
            found.pop("step_start", None)
        return found
