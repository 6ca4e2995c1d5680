"""Admin of member files: the file itself (saved through the actions), relatives, ID reveals."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from members.admin import ActionSavedAdmin, SavedThroughActionForm
from members.admin_base import ReadOnlyAdmin, ScopedAdmin
from members.files import actions
from members.files.models import FamilyMember, IdNumberReveal, Member
from members.files.selectors import MemberFilters, member_search
from members.organizations.models import User
from members.uploads import picture_check


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
            "name",
            "id_number",
            "gender",
            "birth_date",
            "ethnicity",
            "phone",
            "education",
            "household_address",
            "joined_party_on",
            "full_member_on",
            "category",
            "organization",
            "skills",
            "standing",
            "notes",
            "photo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance.pk is None
        # On a new file the ID number supplies birth date and gender. (A read-only page has
        # no fields at all.)
        required = {"id_number": adding, "birth_date": not adding, "gender": not adding}
        for name, value in required.items():
            if name in self.fields:
                self.fields[name].required = value

    def clean_photo(self):
        picture_check(self.cleaned_data["photo"])
        return self.cleaned_data["photo"]

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
        "name",
        "id_number_masked",
        "gender",
        "organization",
        "category",
        "status",
        "phone",
    )
    list_filter = ("status", "category", "gender", "education")
    list_select_related = ("organization",)
    search_fields = ("name", "name_initials")
    search_help_text = _("Name, pinyin initials or a full ID number")
    autocomplete_fields = ("organization",)
    readonly_fields = ("id_number_masked", "name_initials", "status", "created_at", "updated_at")

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
                actions.family_member_update(
                    actor=request.user, relative=relative, **_relative_fields(relative)
                )


def _relative_fields(relative: FamilyMember) -> dict:
    return {
        field.name: getattr(relative, field.name)
        for field in FamilyMember._meta.concrete_fields
        if field.name not in {"id", "member"}
    }


@admin.register(IdNumberReveal)
class IdNumberRevealAdmin(ReadOnlyAdmin):
    """The reveal log: read only, for audits."""

    list_display = ("revealed_at", "user", "member", "reason")
    list_select_related = ("user", "member")
    search_fields = ("member__name", "user__username", "user__full_name")
