"""Django admin for the management chain.

Non-superuser staff see only their subtrees: every ``get_queryset`` reads through
``visible_to(request.user)`` and change/delete follow the write scope. Member files and
organisations are saved through ``members.actions``; the forms call the action while
validating, so its field errors show on the form, and the admin rolls the transaction back
when anything else on the page (an inline) is invalid — the pattern treebeard's admin uses.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from members import actions
from members.actions import orglife as orglife_actions
from members.forms import add_action_errors
from members.models import (
    Activity,
    ActivityCardReview,
    AssignedWork,
    Assignment,
    Attendance,
    ContactLog,
    DuesPayment,
    DuesRate,
    ExternalOrganization,
    FamilyMember,
    IdNumberReveal,
    IntroductionLetter,
    LostContactMark,
    Member,
    MessageTemplate,
    MobileRecord,
    Notification,
    Organization,
    RecordEvent,
    User,
)
from members.models.organizations import scope_paths
from members.notifications import PREVIEW_VALUES, message_text_check, notifications_retry
from members.notifications import render as render_text
from members.orglife_selectors import attendance_queryset
from members.selectors import MemberFilters, member_search

# --- Shared pieces --------------------------------------------------------------------------


class CappedCountPaginator(Paginator):
    """Count at most ``CAP`` rows, so a changelist over millions of files stays fast.

    ``SELECT COUNT(*) FROM (... LIMIT CAP + 1)`` stops early; lists longer than the cap show
    its number of pages, and a search narrows them down.
    """

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP + 1].count()


def in_scope(user, organization: Organization, *, for_write: bool) -> bool:
    """Whether the organisation lies in the user's subtrees; no query per row (paths are cached)."""
    paths = scope_paths(user, for_write=for_write)
    return paths is None or any(organization.path.startswith(path) for path in paths)


def can_write_somewhere(user) -> bool:
    paths = scope_paths(user, for_write=True)
    return paths is None or bool(paths)


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


class ScopedAdmin(admin.ModelAdmin):
    """View in the read scope, change and delete in the write scope (of ``scope_organization``)."""

    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def scope_organization(self, obj) -> Organization:
        return obj.organization

    def has_view_permission(self, request, obj=None):
        # Reached with objects that did not come through get_queryset (history pages).
        return super().has_view_permission(request, obj) and self._in_scope(request, obj, False)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj, True)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj, True)

    def _in_scope(self, request, obj, for_write: bool) -> bool:
        if obj is None:
            return True
        return in_scope(request.user, self.scope_organization(obj), for_write=for_write)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and can_write_somewhere(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user, for_write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- Users and assignments ------------------------------------------------------------------


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


# --- Organisations --------------------------------------------------------------------------


class OrganizationForm(SavedThroughActionForm, MoveNodeForm):
    """Where to place the node, limited to the user's write scope; saved through the actions."""

    actor: User

    def _set_ref_model_queryset(self, opts, instance):
        super()._set_ref_model_queryset(opts, instance)
        field = self.fields["treebeard_ref_node"]
        allowed = Organization.objects.visible_to(self.actor, for_write=True)
        if instance is not None and not instance.is_root():
            # Keeping the current place must stay valid even when the parent is above the scope.
            allowed |= Organization.objects.filter(pk=instance.get_parent().pk)
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
        return reference.get_parent()


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
            parent = target if request.POST.get("relation") == "child" else target.get_parent()
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


# --- Member files ---------------------------------------------------------------------------


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


# --- Notification outbox --------------------------------------------------------------------


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


# --- Mobile records and letters -------------------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for audits; changes go through the workflow pages and API, where each step is an
    action with its checks, its timeline entry and its notice to the other side."""

    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordEventInline(admin.TabularInline):
    model = RecordEvent
    fields = (
        "created_at",
        "kind",
        "transition",
        "from_status",
        "to_status",
        "side",
        "actor",
        "text",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MobileRecord)
class MobileRecordAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = (
        "member", "status", "outflow_organization", "outflow_external", "inflow_organization",
        "inflow_external", "departure_date", "submitted_at",
    )  # fmt: skip
    list_filter = ("status", "scope", "reason", "unit_type")
    list_select_related = (
        "member", "outflow_organization", "outflow_external", "inflow_organization",
        "inflow_external",
    )  # fmt: skip
    search_fields = ("member__name", "member__name_initials", "employer_name")
    inlines = [RecordEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(IntroductionLetter)
class IntroductionLetterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "committee", "record", "issued_at", "return_slip_received_at")
    list_select_related = ("committee", "record__member")
    search_fields = ("record__member__name",)

    def get_queryset(self, request):
        visible = MobileRecord.objects.visible_to(request.user)
        return super().get_queryset(request).filter(record__in=visible)


# --- Organisational life --------------------------------------------------------------------


class AttendanceInline(admin.TabularInline):
    """Attendance is recorded on the sheet page (one action, one rule); shown here to read."""

    model = Attendance
    fields = ("member", "status", "note", "recorded_by", "recorded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        visible = attendance_queryset(user=request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible).select_related("member")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """Activities held in the user's subtrees (or attended by its members), saved by actions."""

    list_display = ("held_at", "kind", "title", "organization", "online")
    list_filter = ("kind", "online")
    list_select_related = ("organization",)
    search_fields = ("title",)
    date_hierarchy = None
    fields = ("organization", "kind", "title", "held_at", "online", "location", "content")
    inlines = [AttendanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_readonly_fields(self, request, obj=None):
        return ("organization",) if obj else ()

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in orglife_actions.ACTIVITY_FIELDS}
        if change:
            saved = orglife_actions.activity_update(actor=request.user, activity=obj, **fields)
        else:
            saved = orglife_actions.activity_create(
                actor=request.user, organization=form.cleaned_data["organization"], **fields
            )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        orglife_actions.activity_delete(actor=request.user, activity=obj)


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Attendance rows, read only: at activities held in scope or of members in scope."""

    list_display = ("activity", "member", "status", "recorded_by", "recorded_at")
    list_filter = ("status",)
    search_fields = ("member__name", "activity__title")
    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    paginator = CappedCountPaginator

    def get_queryset(self, request):
        return attendance_queryset(user=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Differentiated management (read only: the pages and the API write through the actions) ----


class ManagementAdmin(ScopedAdmin):
    """Audit lists of contacts, marks, dues and reviews, scoped like the pages."""

    list_select_related = ("member",)
    search_fields = ("member__name",)
    raw_id_fields = ("member",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        # Rows of hosted members count too: check against the scoped queryset, not the path.
        visible = admin.ModelAdmin.has_view_permission(self, request, obj)
        return visible and (obj is None or self.get_queryset(request).filter(pk=obj.pk).exists())

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContactLog)
class ContactLogAdmin(ManagementAdmin):
    list_display = ("contacted_on", "member", "side", "channel", "reached", "by")
    list_filter = ("side", "channel", "reached")


@admin.register(LostContactMark)
class LostContactMarkAdmin(ManagementAdmin):
    list_display = ("member", "marked_on", "cleared_on", "by")


@admin.register(DuesRate)
class DuesRateAdmin(ManagementAdmin):
    list_display = ("member", "since", "amount", "quarterly_consent")


@admin.register(DuesPayment)
class DuesPaymentAdmin(ManagementAdmin):
    list_display = ("member", "period_from", "period_to", "amount", "paid_on", "place")
    list_select_related = ("member", "organization")


@admin.register(ActivityCardReview)
class ActivityCardReviewAdmin(ManagementAdmin):
    list_display = ("member", "year", "result", "reviewed_on", "by")
    list_filter = ("result",)


@admin.register(AssignedWork)
class AssignedWorkAdmin(ManagementAdmin):
    list_display = ("member", "description", "assigned_on", "ends_on")
