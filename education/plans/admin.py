"""Study plans in the admin: readings and templates saved through the actions; plans, their
and confirmations shown to read (pages and the API change them)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from education.plans import actions
from education.plans.models import PlanTemplate, Reading, ReadingConfirmation, StudyPlan
from members.scoping import can_write, has_write_role


class ScopedAdmin(admin.ModelAdmin):
    """View what ``visible_to`` shows; change and delete what ``can_write`` allows (the
    management chain's admin base is not public to education: the same rules, written here)."""

    show_full_result_count = False

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
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def get_actions(self, request):
        # A bulk delete would bypass the actions and their checks.
        found = super().get_actions(request)
        found.pop("delete_selected", None)
        return found


class ReadOnlyAdmin(ScopedAdmin):
    """Shown for audits; changes go through the pages and the API's actions."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SharedDownAdmin(ScopedAdmin):
    """Owned rows shared down the tree: the organisation is chosen when adding, then fixed."""

    def get_readonly_fields(self, request, obj=None):
        return ("organization",) if obj else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            model = db_field.related_model
            kwargs["queryset"] = model.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Reading)
class ReadingAdmin(SharedDownAdmin):
    list_display = ("title", "kind", "author", "hours", "organization")
    list_filter = ("kind",)
    list_select_related = ("organization",)
    search_fields = ("title", "author")
    fields = ("organization", "kind", "title", "author", "url", "hours")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in actions.READING_FIELDS}
        if change:
            saved = actions.reading_update(actor=request.user, reading=obj, **fields)
        else:
            organization = form.cleaned_data["organization"]
            saved = actions.reading_create(actor=request.user, organization=organization, **fields)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # A reading members confirmed stays: their study hours rest on it.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.confirmations.exists())

    def delete_model(self, request, obj):
        actions.reading_delete(actor=request.user, reading=obj)


@admin.register(PlanTemplate)
class PlanTemplateAdmin(SharedDownAdmin):
    list_display = ("name", "target_hours", "organization")
    list_select_related = ("organization",)
    search_fields = ("name",)
    fields = ("organization", "name", "description", "target_hours", "readings")
    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "readings":
            kwargs["queryset"] = Reading.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in actions.TEMPLATE_FIELDS}
        fields["readings"] = form.cleaned_data["readings"]
        if change:
            saved = actions.template_update(actor=request.user, template=obj, **fields)
        else:
            organization = form.cleaned_data["organization"]
            saved = actions.template_create(actor=request.user, organization=organization, **fields)
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        pass  # the action set the readings

    def delete_model(self, request, obj):
        actions.template_delete(actor=request.user, template=obj)


@admin.register(StudyPlan)
class StudyPlanAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Plans are made and changed on their pages (members chosen as a group, set-based)."""

    list_display = ("year", "title", "organization", "audience")
    list_filter = ("year",)
    list_select_related = ("organization",)
    search_fields = ("title",)


@admin.register(ReadingConfirmation)
class ReadingConfirmationAdmin(ReadOnlyAdmin):
    list_display = ("member", "reading", "year", "through_link", "confirmed_at")
    list_select_related = ("member", "reading")
