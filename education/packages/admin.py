"""Study packages in the admin: read through the scoping, written through the actions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from education.admin_base import AddOnlyAdmin, ReadOnlyAdmin
from education.packages import actions
from education.packages.forms import parse_items
from education.packages.models import Dispatch, PackageItem, Shipment, StudyPackage
from members.scoping import has_write_role
from members.workflow import TransitionError


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
class StudyPackageAdmin(AddOnlyAdmin):
    list_display = ("name", "organization", "created_at")
    list_select_related = ("organization",)
    search_fields = ("name",)
    form = PackageAdminForm
    inlines = [ItemInline]

    def get_fields(self, request, obj=None):
        # Packages are not changed once made: the items are read from the inline.
        return ["organization", "name", "description"] if obj else super().get_fields(request)

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
class DispatchAdmin(ReadOnlyAdmin):
    """Dispatches are made on the pages (audience and preview); read here."""

    list_display = ("title", "package", "organization", "created_at")
    list_select_related = ("package", "organization")
    search_fields = ("title",)
    inlines = [ShipmentInline]


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
class ShipmentAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("member", "dispatch", "status", "courier", "tracking_number")
    list_filter = ("status",)
    list_select_related = ("member", "dispatch")
    search_fields = ("member__name", "tracking_number")
    actions = [mark_delivered]

    def get_actions(self, request):
        found = super().get_actions(request)
        if not has_write_role(request.user):
            found.pop("mark_delivered", None)
        return found
