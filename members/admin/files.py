"""Users and their assignments, the organisation tree and member files."""

from django import forms
from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from members import actions
from members.admin.base import (
    ActionSavedAdmin,
    CappedCountPaginator,
    SavedThroughActionForm,
    ScopedAdmin,
    in_scope,
)
from members.models import (
    Assignment,
    ExternalOrganization,
    FamilyMember,
    IdNumberReveal,
    Member,
    Organization,
    User,
)
from members.models.organizations import scope_paths
from members.selectors import MemberFilters, member_search


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        visible = Organization.objects.visible_to(request.user)
        return super().get_queryset(request).filter(organization__in=visible)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Sanlian"), {"fields": ("full_name",)}),
    )
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    list_select_related = ("user", "organization")
    autocomplete_fields = ("user", "organization")
    search_fields = ("user__username", "user__full_name", "organization__name")

    def get_queryset(self, request):
        visible = Organization.objects.visible_to(request.user)
        return super().get_queryset(request).filter(organization__in=visible)


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
            self._move(node, parent)
        return node

    def _move(self, node: Organization, parent: Organization | None) -> None:
        actions.organization_move(actor=self.actor, organization=node, parent=parent)

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
            "name", "kind", "region_code", "address", "contact_person", "contact_phone",
            "secretary_name",
        ],
    )  # fmt: skip
    list_display = ("name", "kind", "region_code", "secretary_name")
    list_filter = ("kind",)
    search_fields = ("name",)

    def scope_organization(self, obj):
        return obj

    def get_queryset(self, request):
        user = request.user
        if user.is_superuser:
            return super().get_queryset(request)
        visible = Organization.objects.visible_to(user)
        if self._at_top_level(request):
            # The tree opens at the user's own subtrees, not at the (invisible) root.
            request._treebeard_parent = None
            return visible.filter(path__in=scope_paths(user))
        return super().get_queryset(request) & visible

    def _at_top_level(self, request) -> bool:
        return (
            getattr(request, "_treebeard_parent_id", "") is None
            and not getattr(request, "_ignore_treebeard_filters", False)
            and not self.is_filtered(request)
        )

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
            if parent is None or not in_scope(request.user, parent, for_write=True):
                raise PermissionDenied
        return super().move_node(request)

    def has_delete_permission(self, request, obj=None):
        # Deleting a node would take its members' files with it (PROTECT stops it anyway).
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(ExternalOrganization)
class ExternalOrganizationAdmin(SimpleHistoryAdmin):
    """Organisations outside the tree are shared reference data, visible to all staff."""

    list_display = ("name", "region_code", "contact_person", "contact_phone")
    search_fields = ("name", "region_code")
    show_full_result_count = False
    paginator = CappedCountPaginator


class MemberForm(SavedThroughActionForm, forms.ModelForm):
    """The member file; the full ID number is write-only and the action validates everything."""

    actor: User
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=18,
        required=False,
        help_text=_("Leave empty to keep the current number; it is never shown here."),
    )

    class Meta:
        model = Member
        fields = [
            "name", "id_number", "gender", "birth_date", "ethnicity", "phone", "education",
            "household_address", "joined_party_on", "full_member_on", "category",
            "organization", "skills", "status", "notes", "photo",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance.pk is None
        # On a new file the ID number supplies birth date and gender. (A read-only page has
        # no fields at all.)
        required = {"id_number": adding, "birth_date": not adding, "gender": not adding}
        for name, value in required.items():
            if name in self.fields:
                self.fields[name].required = value

    def _save_through_actions(self) -> Member:
        fields = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in actions.MEMBER_FIELDS or name == "organization"
        }
        id_number = self.cleaned_data["id_number"] or None
        if fields.get("photo") is False:  # "clear" ticked
            fields["photo"] = ""
        if self.instance.pk is None:
            for derived in ("birth_date", "gender"):
                if not fields.get(derived):
                    fields.pop(derived, None)
            return actions.member_create(actor=self.actor, id_number=id_number, **fields)
        return actions.member_update(
            actor=self.actor, member=self.instance, id_number=id_number, **fields
        )


class FamilyMemberInline(admin.TabularInline):
    model = FamilyMember
    extra = 0


@admin.register(Member)
class MemberAdmin(ActionSavedAdmin, ScopedAdmin, SimpleHistoryAdmin):
    form = MemberForm
    inlines = [FamilyMemberInline]
    list_display = (
        "name", "id_number_masked", "gender", "organization", "category", "status", "phone",
    )  # fmt: skip
    list_filter = ("status", "category", "gender", "education")
    list_select_related = ("organization",)
    search_fields = ("name", "name_initials")
    search_help_text = _("Name, pinyin initials or a full ID number")
    autocomplete_fields = ("organization",)
    readonly_fields = ("id_number_masked", "name_initials", "created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        """Search as the member pages do (``member_search``): one copy of the rules."""
        if not search_term.strip():
            return queryset, False
        found = member_search(user=request.user, filters=MemberFilters(q=search_term))
        return queryset & found, False

    def save_formset(self, request, form, formset, change):
        """Relatives are added and removed through the actions too."""
        member = form.instance
        relatives = formset.save(commit=False)
        for relative in formset.deleted_objects:
            actions.family_member_remove(actor=request.user, relative=relative)
        for relative in relatives:
            if relative.pk is None:
                actions.family_member_add(
                    actor=request.user, member=member, **_relative_fields(relative)
                )
            else:
                # No update action exists for relatives; the write check is the action's rule.
                actions.ensure_can_write(request.user, member.organization)
                relative.save()


def _relative_fields(relative: FamilyMember) -> dict:
    return {
        field.name: getattr(relative, field.name)
        for field in FamilyMember._meta.concrete_fields
        if field.name not in {"id", "member"}
    }


@admin.register(IdNumberReveal)
class IdNumberRevealAdmin(admin.ModelAdmin):
    """The reveal log: read only, for audits."""

    list_display = ("revealed_at", "user", "member", "reason")
    list_select_related = ("user", "member")
    search_fields = ("member__name", "user__username", "user__full_name")
    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def get_queryset(self, request):
        visible = Member.objects.visible_to(request.user)
        return super().get_queryset(request).filter(member__in=visible)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
