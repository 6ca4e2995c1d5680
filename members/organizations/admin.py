"""Admin of users, their assignments, the organisation tree and organisations outside it."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from members.admin import ActionSavedAdmin, SavedThroughActionForm
from members.admin_base import CappedCountPaginator, HistoryNotRestored, ScopedAdmin
from members.organizations import actions
from members.organizations.models import Assignment, ExternalOrganization, Organization, User
from members.organizations.selectors import organization_get
from members.scoping import can_write, scope_paths
from members.web import get_or_404


class AssignmentInline(admin.TabularInline):
    """A person's roles, as far as the staff user's scope reaches; granted in the write scope."""

    model = Assignment
    extra = 0
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# What only an administrator may set: these decide who may do anything at all.
PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    """People working in the staff user's subtrees; administrators are managed by
    administrators alone, and only they grant staff status or permissions."""

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Sanlian"), {"fields": ("full_name",)}),
    )
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")
    inlines = [AssignmentInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": _without(options["fields"], PRIVILEGE_FIELDS)})
            for name, options in fieldsets
        ]


def _without(fields, removed) -> tuple:
    return tuple(field for field in fields if field not in removed)


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    list_select_related = ("user", "organization")
    autocomplete_fields = ("user", "organization")
    search_fields = ("user__username", "user__full_name", "organization__name")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganizationForm(SavedThroughActionForm, MoveNodeForm):
    """Where to place the node, limited to the user's write scope; saved through the actions."""

    actor: User

    def _set_ref_model_queryset(self, opts, instance):
        super()._set_ref_model_queryset(opts, instance)
        field = self.fields["treebeard_ref_node"]
        allowed = Organization.objects.visible_to(self.actor, for_write=True)
        if instance is not None and not instance.is_root():
            # Keeping the current place must stay valid even when the parent is above the scope.
            allowed |= Organization.objects.filter(pk=Organization.objects.get_parent(instance).pk)
        field.queryset = field.queryset & allowed
        field.required = not self.actor.is_superuser

    def _save_through_actions(self) -> Organization:
        fields = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith("treebeard_")
        }
        parent = self._parent()
        if self.instance.pk is None:
            return actions.organization_create(actor=self.actor, parent=parent, **fields)
        node = actions.organization_update(actor=self.actor, organization=self.instance, **fields)
        if {"treebeard_ref_node", "treebeard_position"} & set(self.changed_data):
            actions.organization_move(actor=self.actor, organization=node, parent=parent)
        return node

    def _parent(self) -> Organization | None:
        reference = self.cleaned_data.get("treebeard_ref_node")
        if reference is None or self.cleaned_data["treebeard_position"].endswith("-child"):
            return reference
        return Organization.objects.get_parent(reference)


@admin.register(Organization)
class OrganizationAdmin(ActionSavedAdmin, ScopedAdmin, TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(
        Organization,
        form=OrganizationForm,
        fields=[
            "name",
            "kind",
            "region_code",
            "address",
            "contact_person",
            "contact_phone",
            "secretary_name",
        ],
    )
    list_display = ("name", "kind", "region_code", "secretary_name")
    list_filter = ("kind",)
    search_fields = ("name",)

    def get_queryset(self, request):
        if not request.user.is_superuser and self._at_top_level(request):
            # The tree opens at the user's own subtrees, not at the (invisible) root.
            request._treebeard_parent = None
            visible = Organization.objects.visible_to(request.user)
            return visible.filter(path__in=scope_paths(request.user))
        return super().get_queryset(request)

    def _at_top_level(self, request) -> bool:
        return (
            getattr(request, "_treebeard_parent_id", "") is None
            and not getattr(request, "_ignore_treebeard_filters", False)
            and not self.is_filtered(request)
        )

    def children_view(self, request, parent_id):
        """The tree's next level, below a node the user may see; any other is a 404 (treebeard
        looks the parent up unscoped, answering 200 and an empty level)."""
        get_or_404(organization_get, user=request.user, pk=parent_id)
        return super().children_view(request, parent_id)

    def move_node(self, request):
        """Drag and drop in the tree: the new parent must be writable too (treebeard checks
        only the node being moved)."""
        target = Organization.objects.filter(pk=request.POST.get("target") or None).first()
        if target is not None and not request.user.is_superuser:
            parent = (
                target
                if request.POST.get("relation") == "child"
                else Organization.objects.get_parent(target)
            )
            if parent is None or not can_write(request.user, parent):
                raise PermissionDenied
        return super().move_node(request)

    def has_delete_permission(self, request, obj=None):
        # Deleting a node would take its members' files with it (PROTECT stops it anyway).
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(ExternalOrganization)
class ExternalOrganizationAdmin(HistoryNotRestored, SimpleHistoryAdmin):
    """Organisations outside the tree: shared reference data every staff user may read; only
    administrators change them (the workflow records new ones as it meets them)."""

    list_display = ("name", "region_code", "contact_person", "contact_phone")
    search_fields = ("name", "region_code")
    show_full_result_count = False
    paginator = CappedCountPaginator

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
