"""Forms of the member pages; they validate input and hand it to the actions, never save models."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.files import actions
from members.files.models import FamilyMember, Member, skills_from_text
from members.files.selectors import MemberFilters
from members.organizations.fields import OrganizationFilterField
from members.organizations.models import Organization, User
from members.validators import validate_person_name
from members.web import DATE_INPUT, add_action_errors

# Sort keys of the member list: each ends with the unique id, as keyset pagination needs.
SORTS = {
    "-id": ("-id",),
    "name": ("name", "id"),
    "joined_party_on": ("joined_party_on", "id"),
}
SORT_CHOICES = [
    ("-id", _("Newest first")),
    ("name", _("full name")),
    ("joined_party_on", _("Date joined the Party")),
]
AGE_BAND_CHOICES = [
    ("", _("Any age")),
    ("under30", _("Under 30")),
    ("30to45", _("30 to 45")),
    ("46to60", _("46 to 60")),
    ("over60", _("Over 60")),
]


def _model_field(model, name: str, **kwargs) -> forms.Field:
    """A form field labelled and validated as the model field is."""
    return model._meta.get_field(name).formfield(**kwargs)


class MemberForm(forms.Form):
    """Open or change a member's file; on edit a blank ID number keeps the stored one."""

    name = _model_field(Member, "name", validators=[validate_person_name])
    id_number = forms.CharField(label=_("ID number"), max_length=20)
    gender = _model_field(Member, "gender", required=False)
    birth_date = _model_field(Member, "birth_date", required=False, widget=DATE_INPUT)
    ethnicity = _model_field(Member, "ethnicity")
    phone = _model_field(Member, "phone")
    education = _model_field(Member, "education")
    household_address = _model_field(Member, "household_address")
    organization = forms.ModelChoiceField(
        label=_("home organisation"), queryset=Organization.objects.none()
    )
    category = _model_field(Member, "category")
    standing = _model_field(Member, "standing")
    joined_party_on = _model_field(Member, "joined_party_on", widget=DATE_INPUT)
    full_member_on = _model_field(Member, "full_member_on", widget=DATE_INPUT)
    skills = forms.CharField(
        label=_("skills and specialities"),
        required=False,
        help_text=_("Separate several with commas, e.g. welding, driving"),
    )
    notes = _model_field(Member, "notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user: User, member: Member | None = None, **kwargs):
        self.user, self.member = user, member
        if member is not None:
            kwargs.setdefault("initial", self._initial(member))
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user, for_write=True)
        self.fields["gender"].help_text = _("Taken from the ID number when left blank")
        self.fields["birth_date"].help_text = _("Taken from the ID number when left blank")
        if member is not None:
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = _(
                "Stored as %(masked)s; leave blank to keep it"
            ) % {"masked": member.id_number_display}

    @staticmethod
    def _initial(member: Member) -> dict:
        initial = {name: getattr(member, name) for name in actions.MEMBER_FIELDS}
        initial.update(organization=member.organization_id, skills="、".join(member.skills))
        return initial

    def clean_skills(self) -> list[str]:
        return skills_from_text(self.cleaned_data["skills"])

    def save(self) -> Member | None:
        """Call the action; on a ValidationError show it on the form and return ``None``."""
        data = dict(self.cleaned_data)
        id_number = data.pop("id_number") or None
        for derived in ("gender", "birth_date"):
            if not data[derived]:
                del data[derived]  # blank keeps the stored value, or lets the ID number decide
        try:
            if self.member is None:
                return actions.member_create(actor=self.user, id_number=id_number, **data)
            return actions.member_update(
                actor=self.user, member=self.member, id_number=id_number, **data
            )
        except ValidationError as exc:
            add_action_errors(self, exc)
            return None


class FamilyMemberForm(forms.Form):
    """A relative needing care while the member is away."""

    name = _model_field(
        FamilyMember, "name", label=_("full name"), validators=[validate_person_name]
    )
    relation = _model_field(FamilyMember, "relation")
    age = _model_field(FamilyMember, "age")
    care_kind = _model_field(FamilyMember, "care_kind")
    address = _model_field(FamilyMember, "address")
    notes = _model_field(FamilyMember, "notes")

    def save(self, *, actor: User, member: Member) -> FamilyMember | None:
        try:
            return actions.family_member_add(actor=actor, member=member, **self.cleaned_data)
        except ValidationError as exc:
            add_action_errors(self, exc)
            return None


class RevealIdForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the full ID number needed?"),
        max_length=200,
        help_text=_("Your name, the time and this reason are logged."),
    )

    def reveal(self, *, actor: User, member: Member) -> str | None:
        try:
            return actions.member_reveal_id_number(
                actor=actor, member=member, reason=self.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_action_errors(self, exc)
            return None


class MemberFilterForm(forms.Form):
    """The search and filters of the member list; invalid values are ignored, not fatal."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name, pinyin initials or ID number"), "type": "search"}
        ),
    )
    organization = OrganizationFilterField(
        label=_("organisation"), empty_label=_("All organisations")
    )
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("Any status")), *Member.Status.choices]
    )
    category = forms.ChoiceField(
        label=_("category"),
        required=False,
        choices=[("", _("Any category")), *Member.Category.choices],
    )
    gender = forms.ChoiceField(
        label=_("gender"), required=False, choices=[("", _("Any gender")), *Member.Gender.choices]
    )
    age_band = forms.ChoiceField(label=_("age"), required=False, choices=AGE_BAND_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].limit_to(user)

    def filters(self) -> MemberFilters:
        """The valid part of the input as selector filters."""
        self.is_valid()  # fills cleaned_data with the fields that passed
        data = self.cleaned_data
        organization = data.get("organization")
        self.fields["organization"].show_chosen(organization)
        return MemberFilters(
            q=data.get("q", ""),
            organization=organization,
            status=data.get("status", ""),
            category=data.get("category", ""),
            gender=data.get("gender", ""),
            age_band=data.get("age_band", ""),
        )

    def sort_order(self) -> tuple[str, ...]:
        self.is_valid()
        return SORTS.get(self.cleaned_data.get("sort") or "-id", SORTS["-id"])
