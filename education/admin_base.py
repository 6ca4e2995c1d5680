"""The education chain's admin base: every topic's admin reads through the models'
``visible_to`` and writes only what ``can_write`` allows, by the same rules as the management
chain's (``members.admin`` is not public to education: the rules are written here once).

Education's rows are changed on its pages and through its API, where each change is an
action; most admin pages only read (``ReadOnlyAdmin``), some add through an action
(``AddOnlyAdmin``), and rows shared down the tree are kept where they were made
(``SharedDownAdmin``).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from members.organizations.models import Organization
from members.scoping import can_write, has_write_role


class ScopedAdmin(admin.ModelAdmin):
    """View what ``visible_to`` shows; change and delete what ``can_write`` allows."""

    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_write(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_write(request.user, obj))

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and has_write_role(request.user)

    def get_actions(self, request):
        # A bulk delete would bypass the actions and their checks.
        found = super().get_actions(request)
        found.pop("delete_selected", None)
        return found

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        self._scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A version's POST would save the past state past the actions: shown, never restored;
        # never of an object outside the scope (the history app falls back to its last one).
        self._scoped_object(request, object_id)
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _scoped_object(self, request, object_id):
        # Permission first, as on the other pages (403 without it, whether or not the object
        # exists); then ``get_object`` reads through ``get_queryset``: outside the scope, 404.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj


class AddOnlyAdmin(ScopedAdmin):
    """Added here through the topic's action, never changed nor deleted past it."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(AddOnlyAdmin):
    """Shown for audits; changes go through the pages and the API's actions."""

    def has_add_permission(self, request, *args):
        return False


class SharedDownAdmin(ScopedAdmin):
    """Owned rows shared down the tree: the organisation is chosen when adding, then fixed."""

    def get_readonly_fields(self, request, obj=None):
        return ("organization",) if obj else ()
