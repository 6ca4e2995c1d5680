import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member, NotificationKind, Organization
from members.notifications import (
    AUDIENCE_ALL,
    AUDIENCE_HOME,
    AUDIENCE_TAKEN_IN,
    MAX_TEXT_LENGTH,
    message_text_check,
)


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
            (AUDIENCE_TAKEN_IN, _("Mobile members taken in here (inflow side)")),
            (AUDIENCE_ALL, _("Both")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind of message"),
        choices=[
            (NotificationKind.DISCIPLINE_REMINDER, NotificationKind.DISCIPLINE_REMINDER.label),
            (NotificationKind.NOTICE, NotificationKind.NOTICE.label),
        ],
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("{name} is replaced by each member's name, {organization} by their branch."),
    )
    # One token per filled-in form: sending it twice queues each message once.
    token = forms.CharField(widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user, for_write=True)

    def clean_audience(self):
        return self.cleaned_data["audience"] or AUDIENCE_HOME

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            message_text_check(text)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["text"]) from None
        return text
