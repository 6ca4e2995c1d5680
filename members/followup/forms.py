"""Forms of differentiated management; each hands its cleaned data to one action."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.followup import actions
from members.followup.models import ActivityCardReview, Code, ContactLog, DuesPayment
from members.web import DATE_INPUT, MONTH_INPUT, ActionFormMixin

MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


def _month_field(label):
    return forms.DateField(label=label, widget=MONTH_INPUT, input_formats=MONTH_FORMATS)


class WarningFilterForm(forms.Form):
    """The warnings list's filter: one kind of warning, or all (an unknown value: all)."""

    code = forms.ChoiceField(
        label=_("Warning"), choices=[("", _("All warnings")), *Code.choices], required=False
    )

    def code_chosen(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("code", "")


class ManagementForm(ActionFormMixin, forms.Form):
    """A form whose ``action`` is called with the actor, the member and the cleaned data."""

    action = None
    title = ""

    def save(self, *, actor, member):
        return type(self).action(actor=actor, member=member, **self.cleaned_data)


class ContactForm(ManagementForm):
    action = actions.contact_record
    title = _("Record a contact")
    channel = forms.ChoiceField(label=_("Channel"), choices=ContactLog.Channel.choices)
    contacted_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=timezone.localdate)
    reached = forms.TypedChoiceField(
        label=_("Reached the member?"),
        coerce=lambda value: value == "yes",
        # The same words as the contacts table.
        choices=[("yes", _("Reached them")), ("no", _("Could not reach them"))],
        widget=forms.RadioSelect,
        initial="yes",
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class LostContactMarkForm(ManagementForm):
    action = actions.lost_contact_mark
    title = _("Mark as lost contact")
    marked_on = forms.DateField(
        label=_("Lost contact since"), widget=DATE_INPUT, initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class LostContactClearForm(ManagementForm):
    action = actions.lost_contact_clear
    title = _("Contact regained")
    cleared_on = forms.DateField(
        label=_("Contact regained on"), widget=DATE_INPUT, initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class DuesRateForm(ManagementForm):
    action = actions.dues_rate_set
    title = _("Set the monthly dues")
    amount = forms.DecimalField(label=_("Monthly dues (yuan)"), min_value=0, decimal_places=2)
    since = _month_field(_("From month"))
    quarterly_consent = forms.BooleanField(
        label=_("The member consents to pay quarterly"), required=False
    )


class DuesPaymentForm(ManagementForm):
    action = actions.dues_payment_record
    title = _("Record a dues payment")
    amount = forms.DecimalField(label=_("Amount (yuan)"), decimal_places=2)
    period_from = _month_field(_("From month"))
    period_to = _month_field(_("To month"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_INPUT, initial=timezone.localdate)
    place = forms.ChoiceField(
        label=_("Paid at"), choices=DuesPayment.Place.choices, initial=DuesPayment.Place.HOME
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class CardReviewForm(ManagementForm):
    action = actions.card_review_record
    title = _("Record the yearly card review")
    year = forms.IntegerField(label=_("Year reviewed"), min_value=2006)
    result = forms.ChoiceField(label=_("Result"), choices=ActivityCardReview.Result.choices)
    reviewed_on = forms.DateField(
        label=_("Reviewed on"), widget=DATE_INPUT, initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class AssignedWorkForm(ManagementForm):
    action = actions.assigned_work_add
    title = _("Assign work")
    description = forms.CharField(label=_("Work"), max_length=300)
    assigned_on = forms.DateField(
        label=_("Assigned on"), widget=DATE_INPUT, initial=timezone.localdate
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_INPUT, required=False)


FORMS = {
    "contact": ContactForm,
    "lost-contact": LostContactMarkForm,
    "contact-regained": LostContactClearForm,
    "dues-rate": DuesRateForm,
    "dues-payment": DuesPaymentForm,
    "card-review": CardReviewForm,
    "work": AssignedWorkForm,
}
