"""Forms of the needs collection; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.web import ActionFormMixin
from services.cases.models import Category
from services.needs.models import NeedsEntry
from services.needs.selectors import parse_month, summary_organizations

OUTCOME = NeedsEntry.Outcome


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="month")
        return month


class OpenForm(ActionFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("For"), queryset=None)
    month = MonthField(label=_("Month"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = summary_organizations(user=user)


class EntryForm(ActionFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOME.choices[1:])
    method = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *NeedsEntry.Method.choices], required=False
    )
    needs = forms.CharField(label=_("Needs"), max_length=500, required=False)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *Category.choices], required=False
    )
