"""The admin's scoped base classes: every page reads through the models' one scoping function.

For non-superuser staff every changelist, object page, history page and bulk action reads
through the model's ``visible_to(user)``, and changing or deleting an object asks
``can_write`` — the same functions the pages and the API use. History is shown, never restored:
changes go through the actions. Public to the other apps (education, services), whose admins
build on these classes rather than writing the rules again.
"""

from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property

from members.organizations.models import Organization
from members.scoping import can_write, has_write_role


class CappedCountPaginator(Paginator):
    """Count at most ``CAP`` rows, so a changelist over millions of files stays fast.

    ``SELECT COUNT(*) FROM (... LIMIT CAP + 1)`` stops early; lists longer than the cap show
    its number of pages, and a search narrows them down.
    """

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP + 1].count()


class AdminInputChecks:
    """Malformed input is the client's error (400 or 404), never a server error (500).

    PostgreSQL refuses a NUL character in any string literal, so a NUL in a changelist's
    filter or search would fail the query; a version id that is not a number would fail the
    history lookup. Every admin of the apps builds on this (through ``ScopedAdmin``).
    """

    def changelist_view(self, request, extra_context=None):
        if any(_has_nul(key) or _has_nul(value) for key, value in _pairs(request.GET)):
            raise BadRequest("NUL character in the query string")
        return super().changelist_view(request, extra_context=extra_context)

    def get_search_results(self, request, queryset, search_term):
        # Also the autocomplete's search, which the changelist check does not see.
        if _has_nul(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_pk = self.model.history.model._meta.pk
        try:
            history_pk.to_python(version_id)
        except ValidationError:
            raise Http404 from None
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )


def _pairs(query):
    for key, values in query.lists():
        for value in values:
            yield key, value


def _has_nul(text: str) -> bool:
    return "\x00" in text


class HistoryNotRestored:
    """A version page of django-simple-history shows a past state; a POST to it would save the
    posted form as the object, past the actions and whatever the user may change, so it is
    refused for every model whose history the admin shows."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )


class ScopedAdmin(AdminInputChecks, HistoryNotRestored, admin.ModelAdmin):
    """View what ``visible_to`` shows; change and delete what ``can_write`` allows."""

    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self._visible(request, obj))

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
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        self._scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One historical version, read only: never of an object outside the scope (the
        history app would fall back to its last version)."""
        self._scoped_object(request, object_id)
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )

    def _scoped_object(self, request, object_id):
        # Permission first, as on the other pages (403 without it, whether or not the object
        # exists); then ``get_object`` reads through ``get_queryset``: outside the scope, 404.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def _visible(self, request, obj) -> bool:
        scoped = type(obj)._default_manager.visible_to(request.user)
        return scoped.filter(pk=obj.pk).exists()


class ReadOnlyAdmin(ScopedAdmin):
    """Shown for audits; changes go through the pages and the API, where each is an action
    with its checks, its timeline entry and its notices."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
