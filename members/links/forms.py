from django import forms
from django.utils.translation import gettext_lazy as _

from members.links.actions import DEFAULT_DAYS, MAX_DAYS


class LinkIssueForm(forms.Form):
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]
