"""The admin's shared base: every page reads through the models' one scoping function.

Django loads this module (admin autodiscovery); each topic registers its own models in its
``admin.py``, which ``MembersConfig.ready`` imports. For non-superuser staff every changelist,
object page, history page and bulk action reads through the model's ``visible_to(user)``, and
changing or deleting an object asks ``can_write`` — the same functions the pages and the API
use. History is shown, never restored (``SIMPLE_HISTORY_REVERT_DISABLED``): changes go through
the actions.
"""

from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from members.organizations.models import Organization
from members.scoping import can_write, has_write_role
from members.web import add_action_errors


class SanlianAdminSite(admin.AdminSite):
    """The administration site of 三链; "view on site" answers only for objects in scope."""

    site_header = _("Sanlian administration")
    site_title = _("Sanlian administration")
    index_title = _("Administration")

    def get_urls(self):
        # In place of Django's own view-on-site, which looks the object up unscoped.
        scoped = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        others = [url for url in super().get_urls() if getattr(url, "name", "") != "view_on_site"]
        return [scoped, *others]

    def view_on_site(self, request, content_type_id, object_id):
        model = get_object_or_404(ContentType, pk=content_type_id).model_class()
        manager = getattr(model, "_default_manager", None)
        scoped = hasattr(manager, "visible_to")
        if scoped and not manager.visible_to(request.user).filter(pk=object_id).exists():
            raise Http404
        return shortcut(request, content_type_id, object_id)


class CappedCountPaginator(Paginator):
    """Count at most ``CAP`` rows, so a changelist over millions of files stays fast.

    ``SELECT COUNT(*) FROM (... LIMIT CAP + 1)`` stops early; lists longer than the cap show
    its number of pages, and a search narrows them down.
    """

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP + 1].count()


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


class ScopedAdmin(HistoryNotRestored, admin.ModelAdmin):
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
