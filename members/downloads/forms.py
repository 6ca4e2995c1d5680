"""The form that asks for an export: the file's format, and full ID numbers for writers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.web import ActionFormMixin

FORMAT_CHOICES = [("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (.csv)"))]


class ExportStartForm(ActionFormMixin, forms.Form):
    fmt = forms.ChoiceField(
        label=_("File format"),
        choices=FORMAT_CHOICES,
        required=False,
        initial="xlsx",
        widget=forms.RadioSelect,
    )
    reveal_ids = forms.BooleanField(label=_("Full ID numbers"), required=False)
    reveal_reason = forms.CharField(
        label=_("Why are the full ID numbers needed?"),
        max_length=200,
        required=False,
        help_text=_(
            "Only the members whose files you manage get their full number; your name, the time, "
            "this reason and how many numbers were shown are logged."
        ),
    )

    def __init__(self, *args, may_reveal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_reveal:
            # Not offered, and whatever a forged request sends for it is not read.
            del self.fields["reveal_ids"], self.fields["reveal_reason"]

    def clean(self):
        data = super().clean()
        if data.get("reveal_ids") and not data.get("reveal_reason", "").strip():
            self.add_error("reveal_reason", _("Say why the full ID numbers are needed."))
        return data

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "fmt": data.get("fmt") or "xlsx",
            "reveal_ids": bool(data.get("reveal_ids")),
            "reveal_reason": data.get("reveal_reason", ""),
        }
