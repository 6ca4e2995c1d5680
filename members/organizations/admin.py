"""Admin of users, their assignments, the organisation tree and organisations outside it."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.admin import sensitive_post_parameters_m
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from members.admin import ActionSavedAdmin, SavedThroughActionForm
from members.admin_base import (
    AdminInputChecks,
    CappedCountPaginator,
    HistoryNotRestored,
    ScopedAdmin,
)
from members.organizations import actions, roles
from members.organizations.models import Assignment, ExternalOrganization, Organization, User
from members.organizations.selectors import (
    assignment_queryset,
    grantable_users,
    organization_get,
    user_queryset,
)
from members.scoping import can_write, scope_paths
from members.web import get_or_404


class AssignmentInline(admin.TabularInline):
    """A person's roles on organisations: read as far as the staff user's scope reaches,
    given and taken by the security administrator alone (never on their own account)."""

    model = Assignment
    extra = 0

    def get_queryset(self, request):
        return assignment_queryset(user=request.user)

    def has_add_permission(self, request, obj=None):
        return _grants(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _grants(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _grants(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _grants(request, account: User | None) -> bool:
    return account is not None and roles.may_grant_assignment(request.user, account)


# What the system administrator changes on an account, and what the security administrator
# changes (rights). ``is_superuser`` is in neither: no page sets it (createsuperuser does).
ACCOUNT_FIELDS = ("username", "full_name", "first_name", "last_name", "email", "is_active")
RIGHTS_FIELDS = ("is_staff", "admin_role", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    """Accounts (三员分立): the system administrator manages them, the security administrator
    their rights; other staff read the people of their subtrees. Nobody deletes an account
    (it is deactivated), and nobody changes their own rights."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active",)}),
        (_("Rights"), {"fields": RIGHTS_FIELDS}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "full_name", "email", "admin_role", "is_staff", "is_active")
    list_filter = ("admin_role", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        return user_queryset(user=request.user)

    def _visible(self, request, obj) -> bool:
        return user_queryset(user=request.user).filter(pk=obj.pk).exists()

    def has_add_permission(self, request, *args):
        allowed = admin.ModelAdmin.has_add_permission(self, request)
        return allowed and roles.may_manage_users(request.user)

    def has_change_permission(self, request, obj=None):
        if not admin.ModelAdmin.has_change_permission(self, request, obj):
            return False
        actor = request.user
        if obj is None:
            return roles.may_see_all_users(actor)
        return roles.may_change_account(actor, obj) or roles.may_change_rights(actor, obj)

    def has_delete_permission(self, request, obj=None):
        return roles.may_delete_user(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        fixed = ["last_login", "date_joined"]
        if not roles.may_change_account(request.user, obj):
            fixed += ACCOUNT_FIELDS
        if not roles.may_change_rights(request.user, obj):
            fixed += RIGHTS_FIELDS
        return fixed

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (AccountRightsCheck, form), {})

    @sensitive_post_parameters_m
    def user_change_password(self, request, id, form_url=""):
        """Only for whoever may change the account: the security administrator's right to
        change someone's rights is not a right to sign in as them."""
        account = self.get_object(request, unquote(id))
        if account is not None and not roles.may_change_account(request.user, account):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class AccountRightsCheck:
    """An administrator role goes only to an account with no role on an organisation, and
    the account works in the admin (staff status) for it."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("admin_role") and self.instance.pk and self.instance.assignments.exists():
            self.add_error(
                "admin_role",
                _("An administrator works on no organisation: remove this person's roles first."),
            )
        if cleaned.get("admin_role") and "is_staff" in self.fields:
            cleaned["is_staff"] = True
            self.instance.is_staff = True
        return cleaned


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """Who holds which role on which organisation: given and taken by the security
    administrator; other staff read their subtrees' assignments."""

    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    list_select_related = ("user", "organization")
    search_fields = ("user__username", "user__full_name", "organization__name")

    def get_queryset(self, request):
        return assignment_queryset(user=request.user)

    def _visible(self, request, obj) -> bool:
        return assignment_queryset(user=request.user).filter(pk=obj.pk).exists()

    def has_add_permission(self, request, *args):
        allowed = admin.ModelAdmin.has_add_permission(self, request)
        return allowed and roles.may_grant_roles(request.user)

    def has_change_permission(self, request, obj=None):
        return self._grants(request, obj, admin.ModelAdmin.has_change_permission)

    def has_delete_permission(self, request, obj=None):
        return self._grants(request, obj, admin.ModelAdmin.has_delete_permission)

    def _grants(self, request, obj, model_permission) -> bool:
        if not model_permission(self, request, obj):
            return False
        if obj is None:
            return roles.may_grant_roles(request.user)
        return roles.may_grant_assignment(request.user, obj.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = grantable_users(actor=request.user)
        elif db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.all()
        return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)


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
            "for_mobile_members",
        ],
    )
    list_display = ("name", "kind", "region_code", "secretary_name")
    list_filter = ("kind", "for_mobile_members")
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
class ExternalOrganizationAdmin(AdminInputChecks, HistoryNotRestored, SimpleHistoryAdmin):
    """Organisations outside the tree: shared reference data every staff user may read; only
    the system administrator changes them (the workflow records new ones as it meets them)."""

    list_display = ("name", "region_code", "contact_person", "contact_phone")
    search_fields = ("name", "region_code")
    show_full_result_count = False
    paginator = CappedCountPaginator

    def has_add_permission(self, request):
        allowed = super().has_add_permission(request)
        return allowed and roles.may_change_settings(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and roles.may_change_settings(request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and roles.may_change_settings(request.user)
