"""The audit log in the admin: read-only, and shown to the audit administrator alone.

Not even a superuser or the system administrator sees it (三员分立), and nobody — the auditor
included — can add, change or delete an event here.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from members.admin_base import CappedCountPaginator
from members.audit.models import AuditEvent
from members.audit.selectors import audit_events, audit_log_readable

ACTOR_LOOKUP = "actor_id__exact"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "actor", "client_address", "object_label", "outcome", "detail"]
    list_filter = ["kind", "outcome", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_username", "object_label"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request):
        return audit_events(user=request.user)

    def has_module_permission(self, request):
        return audit_log_readable(request.user)

    def has_view_permission(self, request, obj=None):
        return audit_log_readable(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    def lookup_allowed(self, lookup, value, request=None):
        # The actor filter: a user's name in the list links to that user's events.
        return lookup == ACTOR_LOOKUP or super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("user"), ordering="actor_username")
    def actor(self, event):
        if event.actor_id is None:
            return event.actor_username or "-"
        query = urlencode({ACTOR_LOOKUP: event.actor_id})
        return format_html('<a href="?{}">{}</a>', query, event.actor_username)
