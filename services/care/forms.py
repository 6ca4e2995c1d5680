"""Forms of care; each hands its cleaned data to an action."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.organizations.fields import OrganizationPicker
from members.organizations.models import Organization
from members.web import DATE_INPUT, MONTH_INPUT, ActionFormMixin
from services.care.models import CareCampaign, CareRecord, CareVisit
from services.care.selectors import RecordFilters


def _writable_organizations(user):
    return Organization.objects.visible_to(user, for_write=True).order_by("path")


class RecordForm(ActionFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of care"), choices=CareRecord.Kind.choices)
    family_member = forms.ModelChoiceField(
        label=_("For"), required=False, queryset=None, empty_label=_("The member in person")
    )
    on_date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    description = forms.CharField(
        label=_("What was done"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    organization = forms.ModelChoiceField(label=_("By"), queryset=None, widget=OrganizationPicker)

    def __init__(self, *args, user, member, **kwargs):
        kwargs.setdefault("initial", {"on_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["family_member"].queryset = member.family.all()
        organizations = _writable_organizations(user)
        self.fields["organization"].queryset = organizations
        home = organizations.filter(pk=member.organization_id).first()
        self.fields["organization"].initial = home or organizations.first()


class CampaignForm(ActionFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organiser"), queryset=None, widget=OrganizationPicker
    )
    name = forms.CharField(label=_("Name"), max_length=100)
    holiday = forms.ChoiceField(label=_("Occasion"), choices=CareCampaign.Holiday.choices)
    focus = forms.ChoiceField(label=_("Who to visit"), choices=CareCampaign.Focus.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE_INPUT)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _writable_organizations(user)


class RecordFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of care"), required=False, choices=[("", _("All")), *CareRecord.Kind.choices]
    )
    month = forms.DateField(
        label=_("Month"), required=False, widget=MONTH_INPUT, input_formats=["%Y-%m"]
    )
    branch = forms.ModelChoiceField(
        label=_("Branch"), required=False, queryset=None, widget=OrganizationPicker
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Organization.objects.visible_to(user).order_by("path")

    def filters(self) -> RecordFilters:
        """What the list shows (its page and its export); nothing narrowed when invalid."""
        return RecordFilters(**self.cleaned_data) if self.is_valid() else RecordFilters()


class VisitFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CareVisit.Status.choices]
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class DoneForm(forms.Form):
    on_date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    description = forms.CharField(label=_("What was done"), max_length=1000, required=False)


class SkipForm(forms.Form):
    note = forms.CharField(label=_("Why no visit is needed"), max_length=300, required=False)
