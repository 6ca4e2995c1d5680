"""Forms of hardship subsidies; each hands its cleaned data to an action."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.files.models import Member
from members.web import ActionFormMixin
from services.subsidies.models import SubsidyApplication
from services.subsidies.selectors import MINE, TO_APPROVE

ACCEPT = ".pdf,.jpg,.jpeg,.png,.doc,.docx"


class ApplicationForm(ActionFormMixin, forms.Form):
    member = forms.ModelChoiceField(queryset=Member.objects.none(), widget=forms.HiddenInput)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    # A text field: the action says in words what is wrong with the amount.
    amount = forms.CharField(
        label=_("Amount (yuan)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("Supporting file"),
        required=False,
        help_text=_("PDF, picture or Word document, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(this_year, this_year), (this_year - 1, this_year - 1)]
        self.fields["year"].initial = this_year
        self.fields["member"].queryset = Member.objects.visible_to(user, for_write=True).filter(
            status__in=Member.CURRENT_STATUSES
        )

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        upload = data.pop("file")
        return {**data, "files": (upload,) if upload else ()}


class MemberSearchForm(forms.Form):
    name = forms.CharField(label=_("Member's name"), max_length=50)


class ListFilter(forms.Form):
    box = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All I may read")),
            (MINE, _("Applied by my organisations")),
            (TO_APPROVE, _("Awaiting my approval")),
        ],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *SubsidyApplication.Status.choices],
    )

    def chosen(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why it is declined"), max_length=300)


class ApproveForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AttachForm(forms.Form):
    file = forms.FileField(
        label=_("Supporting file"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )


# The fields each step of the page posts (none: a plain button).
STEP_FORMS = {"approve": ApproveForm, "decline": DeclineForm, "pay": None, "withdraw": None}
