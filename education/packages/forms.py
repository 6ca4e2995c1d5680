"""Forms of study packages; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from education.audience import AudienceForm
from education.packages.models import Shipment
from education.packages.selectors import package_queryset
from members.organizations.models import Organization
from members.web import ActionFormMixin


def parse_items(text: str) -> list[tuple[str, int]]:
    """One item a line, "title" or "title × quantity" (also x, *)."""
    items = []
    for line in text.splitlines():
        title, quantity = line.strip(), 1
        for mark in ("×", "x", "X", "*"):
            head, sep, tail = title.rpartition(mark)
            if sep and tail.strip().isdigit():
                title, quantity = head.strip(), int(tail.strip())
                break
        if title:
            items.append((title, quantity))
    return items


class PackageForm(ActionFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Owner"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    items = forms.CharField(
        label=_("Items"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item a line; add “× 2” for more than one copy."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user, for_write=True)

    def clean_items(self):
        return parse_items(self.cleaned_data["items"])


class DispatchForm(ActionFormMixin, AudienceForm):
    package = forms.ModelChoiceField(label=_("Study package"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["package"].queryset = package_queryset(user=user)
        self.order_fields(["package", "title"])


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Shipment.Status.choices],
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class SendForm(forms.Form):
    courier = forms.CharField(label=_("Courier"), max_length=50)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=50)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why it came back"), max_length=200)


class AddressForm(forms.Form):
    address = forms.CharField(label=_("Postal address"), max_length=300)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    check_only = forms.BooleanField(label=_("Only check, apply nothing"), required=False)


# The fields each step of the page posts (none: a plain button).
STEP_FORMS = {
    "send": SendForm,
    "return": ReturnForm,
    "resend": AddressForm,
    "address": AddressForm,
    "deliver": None,
    "receive": None,
}
