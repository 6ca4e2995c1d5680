"""Study plans in the admin: readings and templates saved through the actions; plans, their
and confirmations shown to read (pages and the API change them)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from education.admin_base import ReadOnlyAdmin, SharedDownAdmin
from education.plans import actions
from education.plans.models import PlanTemplate, Reading, ReadingConfirmation, StudyPlan


@admin.register(Reading)
class ReadingAdmin(SharedDownAdmin):
    list_display = ("title", "kind", "author", "hours", "organization")
    list_filter = ("kind",)
    list_select_related = ("organization",)
    search_fields = ("title", "author")
    fields = ("organization", "kind", "title", "author", "url", "hours")

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
