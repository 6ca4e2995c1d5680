"""Forms of service stations; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.organizations.models import Organization
from members.regions import RegionSelect
from members.web import ActionFormMixin
from services.stations.models import ServiceStation

Service = ServiceStation.Service


class StationForm(ActionFormMixin, forms.ModelForm):
    """Create (choosing the organisation that runs it) or edit a station."""

    organization = forms.ModelChoiceField(label=_("Run by"), queryset=Organization.objects.none())
    services = forms.MultipleChoiceField(
        label=_("Services offered"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ServiceStation
        fields = [
            "name",
            "level",
            "region_code",
            "address",
            "opening_hours",
            "contact_person",
            "contact_phone",
            "services",
            "active",
        ]
        widgets = {"region_code": RegionSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = Organization.objects.visible_to(
                user, for_write=True
            )
            self.order_fields(["organization"])

    def _post_clean(self):
        # The action validates the station (one copy of the rules), not the ModelForm.
        pass


class DirectoryFilter(forms.Form):
    region = forms.CharField(label=_("Region"), required=False, widget=RegionSelect)
    service = forms.ChoiceField(
        label=_("Service"), required=False, choices=[("", _("All")), *Service.choices]
    )

    def chosen(self) -> dict:
        if not self.is_valid():
            return {"region": "", "service": ""}
        return {"region": self.cleaned_data["region"], "service": self.cleaned_data["service"]}
