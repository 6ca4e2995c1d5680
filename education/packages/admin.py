"""Study packages in the admin: read through the scoping, written through the actions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from education.packages import actions
from education.packages.forms import parse_items
from education.packages.models import Dispatch, PackageItem, Shipment, StudyPackage
from members.organizations.models import Organization
from members.scoping import has_write_role
from members.workflow import TransitionError


class Scoped:
    """What ``visible_to`` shows; nothing changed or deleted past the actions."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        found = super().get_actions(request)
        found.pop("delete_selected", None)
        return found

    def history_view(self, request, object_id, extra_context=None):
        # Permission first, as the other pages: whether the object exists is not told.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context=extra_context)


class PackageAdminForm(forms.ModelForm):
    items_text = forms.CharField(
        label=_("Items"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item a line; add “× 2” for more than one copy."),
    )

    class Meta:
        model = StudyPackage
        fields = ["organization", "name", "description"]


class ItemInline(admin.TabularInline):
    model = PackageItem
    fields = ("title", "quantity")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StudyPackage)
class StudyPackageAdmin(Scoped, admin.ModelAdmin):
    list_display = ("name", "organization", "created_at")
    list_select_related = ("organization",)
    search_fields = ("name",)
    form = PackageAdminForm
    inlines = [ItemInline]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and has_write_role(request.user)

    def get_fields(self, request, obj=None):
        # Packages are not changed once made: the items are read from the inline.
        return ["organization", "name", "description"] if obj else super().get_fields(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = actions.package_create(
            actor=request.user,
            organization=data["organization"],
            name=data["name"],
            description=data["description"],
            items=parse_items(data["items_text"]),
        )
        obj.pk = saved.pk  # the items too: the inline has no forms to save


class ShipmentInline(admin.TabularInline):
    model = Shipment
    fields = ("member", "status", "courier", "tracking_number", "address")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0

    def get_queryset(self, request):
        visible = Shipment.objects.visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible).select_related("member")


@admin.register(Dispatch)
class DispatchAdmin(Scoped, admin.ModelAdmin):
    """Dispatches are made on the pages (audience and preview); read here."""

    list_display = ("title", "package", "organization", "created_at")
    list_select_related = ("package", "organization")
    search_fields = ("title",)
    inlines = [ShipmentInline]

    def has_add_permission(self, request):
        return False


@admin.action(description=_("Mark delivered"))
def mark_delivered(modeladmin, request, queryset):
    done = 0
    for shipment in queryset:
        try:
            actions.shipment_deliver(actor=request.user, shipment=shipment)
        except (TransitionError, PermissionDenied, ValidationError):
            continue
        done += 1
    modeladmin.message_user(request, _("%(n)d marked delivered.") % {"n": done}, messages.INFO)


@admin.register(Shipment)
class ShipmentAdmin(Scoped, SimpleHistoryAdmin):
    list_display = ("member", "dispatch", "status", "courier", "tracking_number")
    list_filter = ("status",)
    list_select_related = ("member", "dispatch")
    search_fields = ("member__name", "tracking_number")
    actions = [mark_delivered]

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        visible = Shipment.objects.visible_to(request.user)
        return allowed and (obj is None or visible.filter(pk=obj.pk).exists())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A version is shown, never restored: a POST would save it past the actions.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )

    def get_actions(self, request):
        found = super().get_actions(request)
        if not has_write_role(request.user):
            found.pop("mark_delivered", None)
        return found
