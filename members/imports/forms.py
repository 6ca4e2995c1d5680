"""The upload form: what the file holds, the organisation its rows go into, the file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.imports import actions
from members.imports.models import ImportJob
from members.organizations.fields import OrganizationPicker
from members.organizations.models import Organization, User
from members.web import add_action_errors


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"), choices=ImportJob.Kind.choices, widget=forms.RadioSelect
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation the rows go into"),
        queryset=Organization.objects.none(),
        widget=OrganizationPicker,
        help_text=_("Every row must belong to this organisation or one below it."),
    )
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("Fill in the template; at most 50 MB and 200,000 rows."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user, for_write=True)

    def save(self) -> ImportJob | None:
        """Call the action; on a ValidationError show it on the form and return ``None``."""
        try:
            return actions.import_job_create(
                actor=self.user,
                organization=self.cleaned_data["organization"],
                kind=self.cleaned_data["kind"],
                upload=self.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_action_errors(self, exc)
            return None
