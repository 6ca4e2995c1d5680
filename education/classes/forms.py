"""Forms of training classes; each hands its cleaned data to an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from education.audience import AudienceForm
from education.classes.actions import CLASS_FIELDS, AttendanceEntry
from education.classes.models import ClassInvitation, TrainingClass
from education.forms import OwnedObjectForm
from members.api_fields import query_id
from members.organizations.models import Organization
from members.web import DATETIME_INPUT, ActionFormMixin


class TrainingClassForm(OwnedObjectForm):
    """A class; the host organisation is chosen when it is scheduled, then fixed."""

    organization = forms.ModelChoiceField(
        label=_("Host"), queryset=Organization.objects.none(), required=False
    )
    meeting_link = forms.URLField(label=_("Meeting link"), assume_scheme="https")

    class Meta:
        model = TrainingClass
        fields = ["title", "description", "starts_at", "duration_minutes", "meeting_link", "hours"]
        widgets = {"starts_at": DATETIME_INPUT, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CLASS_FIELDS}


class InviteForm(ActionFormMixin, AudienceForm):
    """Whom to invite: an organisation in the writer's scope (the city for city-wide)."""


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance export (.xlsx or .csv)"),
        help_text=_("Columns 姓名, 手机号, 入会时长(分钟), as the meeting platform exports them."),
    )


def attendance_entries(data) -> list[AttendanceEntry]:
    """The sheet's lines as posted: ``member`` ids with ``attendance_<id>``, ``minutes_<id>``."""
    entries = []
    for raw in data.getlist("member"):
        if query_id(raw) is None:
            continue
        attendance = data.get(f"attendance_{raw}", "")
        minutes = data.get(f"minutes_{raw}", "").strip()
        entries.append(
            AttendanceEntry(
                member_id=int(raw),
                attendance=attendance if attendance in ClassInvitation.Attendance.values else "",
                minutes=_minutes(minutes),
            )
        )
    return entries


def _minutes(raw: str) -> int | None:
    """Minutes attended as typed: a whole number under a day, else none."""
    minutes = query_id(raw)
    return minutes if minutes is not None and minutes < 1440 else None
