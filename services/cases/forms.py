"""Forms of the service-case pages; each hands its cleaned data to an action."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.api_fields import query_id
from members.followup.selectors import managed_member_queryset
from members.organizations.fields import OrganizationPicker
from members.organizations.models import Organization
from members.web import DATE_INPUT, ActionFormMixin
from services.cases.actions import due_date
from services.cases.models import CATEGORY_LIMITS, ServiceCase
from services.cases.selectors import MINE, MY_ORGANIZATION, CaseFilters
from services.stations.models import ServiceStation

# How many members a search lists to tick (a group case finds them by branch name).
FOUND_MEMBERS = 60


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("all", _("All")), *ServiceCase.Status.choices],
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *ServiceCase.Category.choices],
    )
    handled = forms.ChoiceField(
        label=_("Handled by"),
        required=False,
        choices=[("", _("Anyone")), (MINE, _("Me")), (MY_ORGANIZATION, _("My organisation"))],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Title contains"), required=False, max_length=50)

    def filters(self) -> CaseFilters:
        if not self.is_valid():
            return CaseFilters()
        data = self.cleaned_data
        return CaseFilters(
            status=data["status"] or "open",
            category=data["category"],
            overdue=data["overdue"],
            handled=data["handled"],
            text=data["q"].strip(),
        )


class CaseFileForm(ActionFormMixin, forms.Form):
    """Filing on a member's behalf: the members are ticked among those found by a search."""

    find = forms.CharField(
        label=_("Find members"),
        required=False,
        max_length=50,
        help_text=_("A name, or a Party branch's name to list its members."),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members the request is about"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one member.")},
    )
    category = forms.ChoiceField(label=_("Category"), choices=ServiceCase.Category.choices)
    title = forms.CharField(label=_("Title"), max_length=100)
    description = forms.CharField(
        label=_("What the member needs"), widget=forms.Textarea(attrs={"rows": 4})
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=ServiceCase.Priority.choices,
        initial=ServiceCase.Priority.NORMAL,
    )
    organization = forms.ModelChoiceField(label=_("Handled by"), queryset=None)
    station = forms.ModelChoiceField(label=_("Service station"), queryset=None, required=False)
    due_on = forms.DateField(
        label=_("Due"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty for the category's limit in working days."),
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args, user, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        managed = managed_member_queryset(user=user)
        self.fields["members"].queryset = managed
        writable = Organization.objects.visible_to(user, for_write=True)
        self.fields["organization"].queryset = writable
        self.fields["organization"].widget = OrganizationPicker()
        first = user.assignments.filter(organization__in=writable).first()
        if first is not None:
            self.fields["organization"].initial = first.organization_id
        self.fields["station"].queryset = ServiceStation.objects.active()
        if member is not None:
            self.fields["members"].initial = [member.pk]
        self.fields["members"].widget.choices = self._member_choices(managed, member)

    def _member_choices(self, managed, member) -> list[tuple[int, str]]:
        """The members ticked so far, and those the search finds (never the whole scope)."""
        ticked = self.data.getlist("members") if self.data else []
        ticked = [m for m in ticked if query_id(m) is not None]
        if member is not None:
            ticked.append(str(member.pk))
        condition = Q(pk__in=ticked)
        text = (self.data.get("find") or "").strip() if self.data else ""
        if text:
            condition |= Q(name__icontains=text) | Q(organization__name__icontains=text)
        found = managed.filter(condition).order_by("organization__name", "name")
        return [(m.pk, f"{m.name} · {m.organization.name}") for m in found[:FOUND_MEMBERS]]

    def default_due(self):
        """The due date the category's limit gives, per category (shown next to the field)."""
        today = timezone.localdate()
        return {category: due_date(category, today) for category in CATEGORY_LIMITS}


class CaseStepForm(forms.Form):
    """What a step may carry: a text (resolution, reason, feedback) and the satisfaction."""

    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *((n, str(n)) for n in range(1, 6))],
    )


class HandoverForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Hand over to"), queryset=Organization.objects.all(), widget=OrganizationPicker
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Department"), max_length=100)
    contact = forms.CharField(label=_("Contact person or phone"), max_length=100, required=False)
    asked_for = forms.CharField(label=_("Asked to"), max_length=300, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(forms.Form):
    file = forms.FileField(label=_("File to attach"))


class StationForm(forms.Form):
    station = forms.ModelChoiceField(
        label=_("Service station"), queryset=ServiceStation.objects.none(), required=False
    )

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = ServiceStation.objects.active()
        if stations is not None:
            self.fields["station"].choices = [("", _("No station"))] + [
                (s.pk, s.name) for s in stations
            ]
