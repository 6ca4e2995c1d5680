"""The form for hours a member studied elsewhere; its data goes to ``hours_add_other``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.web import DATE_INPUT, ActionFormMixin


class OtherCreditForm(ActionFormMixin, forms.Form):
    hours = forms.DecimalField(label=_("Study hours"), max_digits=4, decimal_places=1)
    studied_on = forms.DateField(label=_("Studied on"), widget=DATE_INPUT)
    description = forms.CharField(
        label=_("What was studied, and where"),
        max_length=200,
        help_text=_("E.g. a concentrated course of the Party organisation where the member works."),
    )
