"""Forms of the mobile-record workflow; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.files.models import Member
from members.followup.models import Category
from members.mobility.models import MobileRecord
from members.organizations.actions import external_organization_get_or_create
from members.organizations.fields import OrganizationPicker
from members.organizations.models import ExternalOrganization, Organization
from members.regions import RegionSelect
from members.validators import validate_person_name, validate_phone, validate_region_code
from members.web import ActionFormMixin

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _external(data: dict) -> ExternalOrganization:
    return external_organization_get_or_create(
        name=data["external_name"],
        region_code=data["external_region_code"],
        contact_person=data["external_contact_person"],
        contact_phone=data["external_contact_phone"],
    )


class InflowChoice(forms.Form):
    """Where the member goes: an organisation in the system, one outside it, or none yet."""

    TARGETS = [
        ("system", _("An organisation in the system")),
        ("external", _("An organisation outside the system")),
        ("none", _("No inflow organisation yet (takes part online with the home branch)")),
    ]
    inflow_target = forms.ChoiceField(
        label=_("Inflow organisation"), choices=TARGETS, widget=forms.RadioSelect, initial="system"
    )
    # Any organisation of the province may receive the member, so the field accepts every
    # one; the picker searches them by name instead of listing them all in the page.
    inflow_organization = forms.ModelChoiceField(
        label=_("Inflow organisation in the system"),
        queryset=Organization.objects.all(),
        required=False,
        widget=OrganizationPicker,
    )
    external_name = forms.CharField(label=_("Name of the outside organisation"), required=False)
    external_region_code = forms.CharField(
        label=_("Its region"),
        required=False,
        validators=[validate_region_code],
        widget=RegionSelect,
    )
    external_contact_person = forms.CharField(label=_("Its contact person"), required=False)
    external_contact_phone = forms.CharField(
        label=_("Its contact phone"), required=False, validators=[validate_phone]
    )

    def clean(self):
        data = super().clean()
        target = data.get("inflow_target")
        if target == "system" and not data.get("inflow_organization"):
            self.add_error("inflow_organization", _("Choose the inflow organisation."))
        if target == "external":
            for name in ("external_name", "external_region_code"):
                if not data.get(name):
                    self.add_error(name, _("This field is required."))
        return data

    def action_fields(self) -> dict:
        return self.inflow_fields()

    def inflow_fields(self) -> dict:
        data = self.cleaned_data
        target = data["inflow_target"]
        if target == "system":
            return {"inflow_organization": data["inflow_organization"], "inflow_external": None}
        if target == "external":
            return {"inflow_organization": None, "inflow_external": _external(data)}
        return {"inflow_organization": None, "inflow_external": None}


REGISTRATION_FIELDS = [
    "activity_card_number",
    "original_occupation",
    "reason",
    "unit_type",
    "departure_date",
    "expected_months",
    "destination_region_code",
    "destination_address",
    "member_phone_there",
    "member_address_there",
    "employer_name",
    "employer_contact_person",
    "employer_contact_phone",
    "employer_address",
    "employer_party_organization",
    "co_management_measures",
    "outflow_contact_person",
    "outflow_contact_phone",
]


class RegistrationForm(ActionFormMixin, InflowChoice, forms.ModelForm):
    """The outflow side's part of the registration (2006 activity-card scheme)."""

    class Meta:
        model = MobileRecord
        fields = REGISTRATION_FIELDS
        widgets = {
            "departure_date": DATE_INPUT,
            "destination_region_code": RegionSelect,
            "co_management_measures": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"destination_region_code": _("Destination region")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance
        if record.pk:
            if record.inflow_external_id:
                external = record.inflow_external
                self.initial.update(
                    inflow_target="external",
                    external_name=external.name,
                    external_region_code=external.region_code,
                    external_contact_person=external.contact_person,
                    external_contact_phone=external.contact_phone,
                )
            elif not record.inflow_organization_id:
                self.initial["inflow_target"] = "none"
            else:
                self.initial["inflow_organization"] = record.inflow_organization_id

    def action_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in REGISTRATION_FIELDS}
        fields.update(self.inflow_fields())
        return fields


class InflowRegistrationForm(ActionFormMixin, forms.ModelForm):
    """The inflow side registers a member arriving from outside the system (story 1)."""

    name = forms.CharField(label=_("Full name"), max_length=50, validators=[validate_person_name])
    id_number = forms.CharField(label=_("ID number"), max_length=20)
    phone = forms.CharField(label=_("Mobile phone"), max_length=11, required=False)
    joined_party_on = forms.DateField(label=_("Date joined the Party"), widget=DATE_INPUT)
    category = forms.ChoiceField(label=_("Category"), choices=Member.Category.choices)
    receiving_organization = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organization.objects.none()
    )
    external_name = forms.CharField(
        label=_("Comes from (the Party organisation outside the system holding the membership)")
    )
    external_region_code = forms.CharField(
        label=_("Its region"), validators=[validate_region_code], widget=RegionSelect
    )
    external_contact_person = forms.CharField(label=_("Its contact person"), required=False)
    external_contact_phone = forms.CharField(
        label=_("Its contact phone"), required=False, validators=[validate_phone]
    )

    class Meta:
        model = MobileRecord
        fields = [
            "activity_card_number",
            "original_occupation",
            "reason",
            "unit_type",
            "departure_date",
            "destination_region_code",
            "destination_address",
            "member_phone_there",
            "employer_name",
            "employer_contact_person",
            "employer_contact_phone",
        ]
        widgets = {"departure_date": DATE_INPUT, "destination_region_code": RegionSelect}
        # The inflow side registers an arrival: the fields are named from its side.
        labels = {
            "reason": _("Reason for coming"),
            "departure_date": _("Date of arrival"),
            "destination_region_code": _("Region where the member lives here"),
            "destination_address": _("Address here"),
            "member_phone_there": _("Member's phone here"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_organization"].queryset = Organization.objects.visible_to(
            user, for_write=True
        )

    def member_fields(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("name", "id_number", "phone", "joined_party_on", "category")}

    def record_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def outflow_external(self) -> ExternalOrganization:
        return _external(self.cleaned_data)


class TakeInForm(ActionFormMixin, forms.Form):
    taken_in_by = forms.ModelChoiceField(
        label=_("Receiving branch"), queryset=Organization.objects.none()
    )
    inflow_date = forms.DateField(label=_("Inflow date"), widget=DATE_INPUT)
    reported_on = forms.DateField(label=_("Reported in on"), widget=DATE_INPUT)
    inflow_contact_person = forms.CharField(label=_("Inflow contact person"), max_length=50)
    inflow_contact_phone = forms.CharField(
        label=_("Inflow contact phone"), max_length=20, required=False, validators=[validate_phone]
    )
    checked_by_phone = forms.BooleanField(
        label=_("I have checked the member's data with them by phone"),
        required=True,
        error_messages={
            "required": _("Call the member and check their data first, then tick this box.")
        },
    )

    def __init__(self, *args, record: MobileRecord, **kwargs):
        super().__init__(*args, **kwargs)
        if record.inflow_external_id:
            # Taken in outside the system: no branch of ours receives the member.
            del self.fields["taken_in_by"]
            return
        inflow = record.side_organization("inflow")
        self.fields["taken_in_by"].queryset = (
            Organization.objects.filter(path__startswith=inflow.path)
            if inflow
            else Organization.objects.none()
        )
        self.fields["taken_in_by"].initial = record.inflow_organization_id

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("checked_by_phone")
        return data


class ReasonForm(ActionFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class EndForm(ActionFormMixin, forms.Form):
    end_reason = forms.ChoiceField(label=_("End reason"), choices=MobileRecord.EndReason.choices)
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(ActionFormMixin, forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class CoManagementForm(ActionFormMixin, forms.ModelForm):
    class Meta:
        model = MobileRecord
        fields = [
            "employer_name",
            "employer_contact_person",
            "employer_contact_phone",
            "employer_address",
            "employer_party_organization",
            "co_management_measures",
        ]
        widgets = {"co_management_measures": forms.Textarea(attrs={"rows": 4})}


class LetterForm(ActionFormMixin, forms.Form):
    suggestions_for_inflow = forms.CharField(
        label=_("Suggestions for the inflow organisation"), widget=forms.Textarea(attrs={"rows": 4})
    )
    suggestions_for_employer = forms.CharField(
        label=_("Suggestions for the employer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    dues_paid_to = forms.DateField(
        label=_("Dues paid up to (month)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    validity_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=365, initial=30
    )


class ReturnSlipForm(ActionFormMixin, forms.Form):
    reported_on = forms.DateField(
        label=_("Reported in on (as the return slip says)"), required=False, widget=DATE_INPUT
    )


class RecordFilterForm(forms.Form):
    """The records list's side, status and management category; an unknown value is ignored."""

    SIDES = [("outflow", _("Outflow side")), ("inflow", _("Inflow side"))]
    side = forms.ChoiceField(label=_("Side"), choices=SIDES, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *MobileRecord.Status.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *Category.choices],
        required=False,
    )

    def filters(self) -> dict:
        """``side`` (outflow unless inflow), ``status`` and ``category`` ("" for any)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "side": "inflow" if data.get("side") == "inflow" else "outflow",
            "status": data.get("status", ""),
            "category": data.get("category", ""),
        }
