"""Admin of the outbox (read only, with "send again") and of message templates."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.admin_base import ReadOnlyAdmin, ScopedAdmin
from members.organizations import roles
from members.organizations.models import Organization
from members.outbox import kinds
from members.outbox.actions import notifications_retry
from members.outbox.models import MessageTemplate, Notification
from members.outbox.texts import PREVIEW_VALUES, message_text_check
from members.outbox.texts import render as render_text
from members.scoping import can_write


class KindFilter(admin.SimpleListFilter):
    """Kinds come from the registry, not from model choices."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return kinds.choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """The outbox: administrators watch deliveries and send the failed ones again."""

    list_display = (
        "number",
        "kind_label",
        "channel",
        "recipient",
        "status",
        "attempts",
        "created_at",
    )
    list_filter = ("status", KindFilter, "channel")
    list_select_related = ("recipient_member", "recipient_user")
    search_fields = ("occasion",)
    actions = ["retry"]

    @admin.display(description=_("number"), ordering="id")
    def number(self, obj):
        return obj.pk

    @admin.display(description=_("recipient"))
    def recipient(self, obj):
        return obj.recipient

    @admin.display(description=_("kind"))
    def kind_label(self, obj):
        return obj.kind_label

    @admin.action(description=_("Send again"), permissions=["view"])
    def retry(self, request, queryset):
        count = notifications_retry(actor=request.user, queryset=queryset)
        self.message_user(request, _("%(count)d notifications queued again.") % {"count": count})


class MessageTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind"), choices=kinds.choices)
    actor = None  # set by the admin: whose write scope the organisation must lie in

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

    def clean_organization(self):
        """The city-wide default is a setting (the system administrator's); another text
        belongs to an organisation in the staff user's write scope."""
        organization = self.cleaned_data["organization"]
        if roles.may_change_settings(self.actor):
            return organization
        if organization is None:
            raise ValidationError(_("Choose the organisation whose text this is."))
        if not can_write(self.actor, organization):
            raise ValidationError(_("You may not change %(object)s.") % {"object": organization})
        return organization


@admin.register(MessageTemplate)
class MessageTemplateAdmin(ScopedAdmin):
    """Chinese texts with placeholders; a template on an organisation overrides the city's.

    The city-wide defaults are settings: the system administrator reads and changes every
    text; other staff write texts for organisations in their write scope only.
    """

    form = MessageTemplateForm
    list_display = ("kind_label", "organization", "updated_at")
    list_filter = (KindFilter,)
    list_select_related = ("organization",)
    readonly_fields = ("preview",)
    autocomplete_fields = ("organization",)

    @admin.display(description=_("kind"))
    def kind_label(self, obj):
        return obj.kind_label

    def get_queryset(self, request):
        if roles.may_change_settings(request.user):
            return MessageTemplate.objects.all()
        return super().get_queryset(request)

    def _visible(self, request, obj) -> bool:
        return roles.may_change_settings(request.user) or super()._visible(request, obj)

    def has_add_permission(self, request, *args):
        if roles.may_change_settings(request.user):
            return admin.ModelAdmin.has_add_permission(self, request)
        return super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        if roles.may_change_settings(request.user):
            return admin.ModelAdmin.has_change_permission(self, request, obj)
        return super().has_change_permission(request, obj)

    def get_autocomplete_fields(self, request):
        # The organisation search reads the staff user's own subtrees; the system
        # administrator has none and picks from the whole tree.
        return () if roles.may_change_settings(request.user) else self.autocomplete_fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization" and roles.may_change_settings(request.user):
            kwargs["queryset"] = Organization.objects.all()
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organization":
            field.required = True
        return field

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if not obj.pk:
            return _("Save to see a preview.")
        return render_text(obj.text, **PREVIEW_VALUES)
