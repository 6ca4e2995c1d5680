"""The notification outbox and message templates."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import (
    MessageTemplate,
    Notification,
    Organization,
)
from members.notifications import PREVIEW_VALUES, message_text_check, notifications_retry
from members.notifications import render as render_text


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, read-only: administrators watch deliveries and retry the failed ones."""

    list_display = ("id", "kind", "channel", "recipient", "status", "attempts", "created_at")
    list_filter = ("status", "kind", "channel")
    list_select_related = ("recipient_member", "recipient_user")
    search_fields = ("occasion",)
    show_full_result_count = False
    actions = ["retry"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again"), permissions=["view"])
    def retry(self, request, queryset):
        count = notifications_retry(actor=request.user, queryset=queryset)
        self.message_user(request, _("%(count)d notifications queued again.") % {"count": count})


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ("kind", "organization", "text")

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            message_text_check(text)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["text"]) from None
        return text


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """Chinese texts with placeholders; a template on an organisation overrides the city's."""

    form = MessageTemplateForm
    list_display = ("kind", "organization", "updated_at")
    list_filter = ("kind",)
    readonly_fields = ("preview",)
    raw_id_fields = ("organization",)

    def get_queryset(self, request):
        templates = super().get_queryset(request).select_related("organization")
        if request.user.is_superuser:
            return templates
        return templates.filter(organization__in=Organization.objects.visible_to(request.user))

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if not obj.pk:
            return _("Save to see a preview.")
        return render_text(obj.text, **PREVIEW_VALUES)
