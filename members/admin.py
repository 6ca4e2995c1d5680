"""The admin site, and the forms that save through the actions (scoped bases: admin_base.py).

Django loads this module (admin autodiscovery); each topic registers its own models in its
``admin.py``, which ``MembersConfig.ready`` imports. For non-superuser staff every changelist,
object page, history page and bulk action reads through the model's ``visible_to(user)``, and
changing or deleting an object asks ``can_write`` — the same functions the pages and the API
use. History is shown, never restored (``SIMPLE_HISTORY_REVERT_DISABLED``): changes go through
the actions.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from members.web import add_action_errors


class SanlianAdminSite(admin.AdminSite):
    """The administration site of 三链; "view on site" answers only for objects in scope.

    Staff get in only with a session verified by their TOTP device (django-otp): a password
    alone leads from the login page to the code step, or to setting up an authenticator."""

    site_header = _("Sanlian administration")
    site_title = _("Sanlian administration")
    index_title = _("Administration")

    def has_permission(self, request):
        verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and verified is not None and verified()

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_active and user.is_staff and not self.has_permission(request):
            target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            return redirect(f"{reverse('otp_verify')}?{urlencode({'next': target})}")
        return super().login(request, extra_context)

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
