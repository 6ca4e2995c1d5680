"""Forms of organisational life; each hands its cleaned data to an action."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.api_fields import query_id
from members.files.models import Member
from members.organizations.fields import OrganizationFilterField
from members.organizations.models import Organization
from members.orglife.actions import ACTIVITY_FIELDS, AttendanceEntry
from members.orglife.models import Activity, Attendance
from members.orglife.selectors import AUDIENCE_ALL, AUDIENCE_HOME, AUDIENCE_HOSTED
from members.outbox import kinds
from members.outbox.texts import MAX_TEXT_LENGTH, message_text_check
from members.web import DATETIME_INPUT, ActionFormMixin

# The placeholders a secretary inserts into a message, each shown (and typed) as a word of the
# UI's language in braces: {姓名} in Chinese; the outbox fills in {name}.
TEXT_PLACEHOLDERS = {
    "name": pgettext_lazy("message placeholder", "name"),
    "organization": pgettext_lazy("message placeholder", "branch"),
    "secretary": pgettext_lazy("message placeholder", "secretary"),
    "signature": pgettext_lazy("message placeholder", "signature"),
}


def placeholder_choices() -> list[tuple[str, str]]:
    """(what a button inserts, its caption) for each placeholder."""
    return [(f"{{{word}}}", str(word)) for word in TEXT_PLACEHOLDERS.values()]


def placeholders_to_keys(text: str) -> str:
    """Replace the placeholders as shown ({姓名}) by the outbox's own ({name})."""
    for key, word in TEXT_PLACEHOLDERS.items():
        text = text.replace(f"{{{word}}}", f"{{{key}}}")
    return text


class ActivityForm(ActionFormMixin, forms.ModelForm):
    """An activity; the holding organisation is chosen when it is created, then fixed."""

    organization = forms.ModelChoiceField(
        label=_("Held by"), queryset=Organization.objects.none(), required=False
    )

    class Meta:
        model = Activity
        fields = ["kind", "title", "held_at", "online", "location", "content"]
        widgets = {"held_at": DATETIME_INPUT, "content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].required = True
            self.fields["organization"].queryset = Organization.objects.visible_to(
                user, for_write=True
            )
            self.order_fields(["organization"])

    def _post_clean(self):
        # The action validates the activity (one copy of the rules), not the ModelForm.
        pass

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTIVITY_FIELDS}


class ActivityFilterForm(forms.Form):
    organization = OrganizationFilterField(label=_("Organisation"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Activity.Kind.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].limit_to(user)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        self.fields["organization"].show_chosen(self.cleaned_data.get("organization"))
        return {name: value for name, value in self.cleaned_data.items() if value}


def attendance_entries(data) -> list[AttendanceEntry]:
    """Read the sheet: one ``member`` id per line, with ``status_<id>`` and ``note_<id>``."""
    entries = []
    for raw in data.getlist("member"):
        if query_id(raw) is None:
            raise ValidationError(_("The sheet was damaged; reload the page."))
        status = data.get(f"status_{raw}", "")
        if status not in {"", *Attendance.Status.values}:
            raise ValidationError(_("Choose an attendance status."))
        note = data.get(f"note_{raw}", "").strip()[:200]
        entries.append(AttendanceEntry(member_id=int(raw), status=status, note=note))
    return entries


def current_year() -> int:
    return timezone.localdate().year


class MemberMessageForm(forms.Form):
    """Who gets a secretary's message, and what it says."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("Organisation (with everything below it)")
    )
    status = forms.ChoiceField(
        label=_("Members"),
        required=False,
        choices=[
            ("", _("All current members")),
            (Member.Status.MOBILE, _("Mobile members only")),
            (Member.Status.ACTIVE, _("Members at home only")),
        ],
    )
    audience = forms.ChoiceField(
        label=_("Whose members"),
        required=False,
        choices=[
            (AUDIENCE_HOME, _("Members whose file is held here")),
            (AUDIENCE_HOSTED, _("Mobile members taken in here (inflow side)")),
            (AUDIENCE_ALL, _("Both")),
        ],
    )
    kind = forms.ChoiceField(label=_("Kind of message"), choices=kinds.manual_choices)
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Insert the member's name, branch and so on with the buttons below the text: each "
            "is filled in for every member."
        ),
    )
    # One token per filled-in form: sending it twice queues each message once.
    token = forms.CharField(widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user, for_write=True)

    def clean_audience(self):
        return self.cleaned_data["audience"] or AUDIENCE_HOME

    def clean_text(self):
        text = placeholders_to_keys(self.cleaned_data["text"])
        try:
            message_text_check(text)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["text"]) from None
        return text
