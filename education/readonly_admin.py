"""The education chain's admin base: lists read through the models' ``visible_to``.

``members.admin`` is the management chain's own (education may not import it); education's
rows are written on its pages and through its API, where each change is an action, so its
admin pages only read — scoped by the same queryset method the pages use — and offer the
actions' bulk steps.
"""

from django.contrib import admin
from django.db import models


class ScopedReadOnlyAdmin(admin.ModelAdmin):
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # A bulk delete would bypass the actions and their checks.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
