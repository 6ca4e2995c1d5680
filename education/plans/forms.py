"""Forms of study plans; each hands its cleaned data to an action."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.audience import AudienceForm
from education.plans import selectors
from education.plans.actions import PLAN_FIELDS, READING_FIELDS, TEMPLATE_FIELDS
from education.plans.models import PlanTemplate, Reading, StudyPlan
from members.api_fields import query_id
from members.files.models import Member
from members.organizations.models import Organization
from members.web import ActionFormMixin

CHECKBOXES = forms.CheckboxSelectMultiple


def plan_list_filters(params) -> dict:
    """The plan list's filters from its query string (its page and its export): ``year``
    (2000–2100, anything else is no year) and ``without_progress`` ("1")."""
    year = query_id(params.get("year", ""))
    return {
        "year": year if year is not None and 2000 <= year <= 2100 else None,
        "without_progress": params.get("without_progress") == "1",
    }


def _writable_organizations(user):
    return Organization.objects.visible_to(user, for_write=True)


class ReadingForm(ActionFormMixin, forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("Listed by"), queryset=Organization.objects.none(), required=False
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Reading
        fields = ["kind", "title", "author", "url", "hours"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].required = True
            self.fields["organization"].queryset = _writable_organizations(user)
            self.order_fields(["organization"])

    def _post_clean(self):
        pass  # the action validates (one copy of the rules)

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in READING_FIELDS}


class TemplateForm(ActionFormMixin, forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("Owner"), queryset=Organization.objects.none(), required=False
    )

    class Meta:
        model = PlanTemplate
        fields = ["name", "description", "target_hours", "readings"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "readings": CHECKBOXES}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readings"].queryset = selectors.reading_queryset(user=user)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].required = True
            self.fields["organization"].queryset = _writable_organizations(user)
            self.order_fields(["organization"])

    def _post_clean(self):
        pass

    def action_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in TEMPLATE_FIELDS}
        return fields | {"readings": self.cleaned_data["readings"]}


class PlanContentsMixin:
    """The plan's readings, lessons and classes, chosen among those the user can see."""

    def set_content_choices(self, user) -> None:
        self.fields["readings"].queryset = selectors.reading_queryset(user=user)
        self.fields["lessons"].queryset = selectors.lesson_choices(user=user)
        self.fields["classes"].queryset = selectors.class_choices(user=user)

    def content_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("readings", "lessons", "classes")}


class PlanEditForm(PlanContentsMixin, ActionFormMixin, forms.ModelForm):
    class Meta:
        model = StudyPlan
        fields = ["title", "description", "target_hours", "readings", "lessons", "classes"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "readings": CHECKBOXES,
            "lessons": CHECKBOXES,
            "classes": CHECKBOXES,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_content_choices(user)

    def _post_clean(self):
        pass

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS} | self.content_fields()


class MembersChoiceMixin:
    """One member (by the id the file page links with) or a group (``AudienceForm``)."""

    def clean(self):
        data = super().clean()
        member, organization = data.get("member"), data.get("audience_organization")
        if member is None and organization is None and not self.errors:
            raise ValidationError(_("Choose one member or a group of members."))
        if member is not None and organization is not None:
            raise ValidationError(_("Choose either one member or a group, not both."))
        return data

    def chosen(self) -> dict:
        if self.cleaned_data.get("member") is not None:
            return {"member": self.cleaned_data["member"]}
        return {"audience": self.audience()}


class PlanMembersForm(MembersChoiceMixin, ActionFormMixin, AudienceForm):
    member = forms.ModelChoiceField(
        label=_("Or one member"), queryset=Member.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["audience_organization"].required = False
        self.fields["member"].queryset = Member.objects.visible_to(user, for_write=True)
        # A select of every member would not fit a phone: the id comes from the file's link.
        self.fields["member"].widget = forms.HiddenInput()


class PlanCreateForm(PlanContentsMixin, PlanMembersForm):
    organization = forms.ModelChoiceField(label=_("Made by"), queryset=Organization.objects.none())
    template = forms.ModelChoiceField(
        label=_("From the template"),
        queryset=PlanTemplate.objects.none(),
        required=False,
        help_text=_("Its readings and target hours are copied when none are chosen below."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    target_hours = forms.DecimalField(
        label=_("Target study hours"), max_digits=5, decimal_places=1, required=False
    )
    readings = forms.ModelMultipleChoiceField(
        label=_("Required readings"), queryset=Reading.objects.none(), required=False
    )
    lessons = forms.ModelMultipleChoiceField(
        label=_("Lessons"), queryset=Reading.objects.none(), required=False, widget=CHECKBOXES
    )
    classes = forms.ModelMultipleChoiceField(
        label=_("Training classes"),
        queryset=Reading.objects.none(),
        required=False,
        widget=CHECKBOXES,
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, user=user, **kwargs)
        self.fields["readings"].widget = CHECKBOXES()
        self.fields["organization"].queryset = _writable_organizations(user)
        self.fields["template"].queryset = selectors.template_queryset(user=user)
        self.set_content_choices(user)
        self.order_fields(["organization", "template", "year", "title", "target_hours"])

    def clean(self):
        data = super().clean()
        if not data.get("template") and not data.get("title"):
            self.add_error("title", _("Give the plan a title, or choose a template."))
        return data

    def action_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "organization": data["organization"],
            "template": data["template"],
            "year": data["year"],
            "title": data["title"],
            "lessons": data["lessons"],
            "classes": data["classes"],
            # No readings chosen: the template's are copied.
            "readings": data["readings"] or None,
        }
        if data["target_hours"] is not None:
            fields["target_hours"] = data["target_hours"]
        return fields | self.chosen()


class ConfirmForm(forms.Form):
    """A secretary records, on the member's word, a reading of the plan as read."""

    member = forms.IntegerField(min_value=1)
    reading = forms.IntegerField(min_value=1)
