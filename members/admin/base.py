"""Shared pieces of the admin: scoping, capped counts, saving through actions."""

from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import cached_property

from members.forms import add_action_errors
from members.models import Organization
from members.models.organizations import scope_paths


class CappedCountPaginator(Paginator):
    """Count at most ``CAP`` rows, so a changelist over millions of files stays fast.

    ``SELECT COUNT(*) FROM (... LIMIT CAP + 1)`` stops early; lists longer than the cap show
    its number of pages, and a search narrows them down.
    """

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP + 1].count()


def in_scope(user, organization: Organization, *, for_write: bool) -> bool:
    """Whether the organisation lies in the user's subtrees; no query per row (paths are cached)."""
    paths = scope_paths(user, for_write=for_write)
    return paths is None or any(organization.path.startswith(path) for path in paths)


def can_write_somewhere(user) -> bool:
    paths = scope_paths(user, for_write=True)
    return paths is None or bool(paths)


class SavedThroughActionForm:
    """Save through the action while validating, so its field errors land on the form."""

    def _post_clean(self):
        if self.errors:
            return
        try:
            self.instance = self._save_through_actions()
        except ValidationError as exc:
            add_action_errors(self, exc)
        except PermissionDenied as exc:
            self.add_error(None, str(exc))


class ActionSavedAdmin(admin.ModelAdmin):
    """The form saved the object through an action; roll back if the page has other errors."""

    def _changeform_view(self, *args, **kwargs):
        response = super()._changeform_view(*args, **kwargs)
        if getattr(response, "context_data", {}).get("errors"):
            transaction.set_rollback(True)
        return response

    def save_form(self, request, form, change):
        return form.instance

    def save_model(self, request, obj, form, change):
        """Already saved by the form's action."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # these models have no many-to-many fields for the form
            self.save_formset(request, form, formset, change=change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})


class ScopedAdmin(admin.ModelAdmin):
    """View in the read scope, change and delete in the write scope (of ``scope_organization``)."""

    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def scope_organization(self, obj) -> Organization:
        return obj.organization

    def has_view_permission(self, request, obj=None):
        # Reached with objects that did not come through get_queryset (history pages).
        return super().has_view_permission(request, obj) and self._in_scope(request, obj, False)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj, True)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj, True)

    def _in_scope(self, request, obj, for_write: bool) -> bool:
        if obj is None:
            return True
        return in_scope(request.user, self.scope_organization(obj), for_write=for_write)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and can_write_somewhere(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
