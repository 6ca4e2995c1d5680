"""The filter of the sent-messages page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.outbox import kinds
from members.outbox.models import Notification

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SentFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Notification.Status.choices],
    )
    since = forms.DateField(label=_("From date"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("To date"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *kinds.choices()]

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (the page says which)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {name: data.get(name) or None for name in self.fields} | {
            "kind": data.get("kind", ""),
            "status": data.get("status", ""),
        }
