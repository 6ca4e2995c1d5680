"""The training class list as a spreadsheet: the page's classes in its order, with counts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.classes import selectors
from members.downloads.registry import Column, ListExport, register


def class_rows(*, user, params):
    return selectors.with_invitation_counts(selectors.class_rows(user=user))


def _starts(training_class):
    """The local start, without a time zone (a spreadsheet has none)."""
    return timezone.localtime(training_class.starts_at).replace(tzinfo=None)


register(
    ListExport(
        name="classes",
        title=_("Online training classes"),
        list_url="education:classes:class_list",
        rows=class_rows,
        columns=(
            Column(_("Starts at"), _starts, 18),
            Column(_("Title"), lambda training_class: training_class.title, 30),
            Column(_("Host"), lambda training_class: training_class.organization.name, 24),
            Column(_("Status"), lambda training_class: training_class.get_status_display(), 10),
            Column(_("Length in minutes"), lambda training_class: training_class.duration_minutes),
            Column(_("Study hours"), lambda training_class: training_class.hours, 10),
            Column(_("Who it is for"), lambda training_class: training_class.audience, 24),
            Column(_("Invited"), lambda training_class: training_class.invited, 8),
            Column(_("Joined"), lambda training_class: training_class.joined, 8),
        ),
    )
)
