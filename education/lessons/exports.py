"""The lesson list as a spreadsheet: the page's lessons in its order, with their counts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.lessons import selectors
from members.downloads.registry import Column, ListExport, register


def lesson_rows(*, user, params):
    return selectors.with_delivery_counts(selectors.lesson_rows(user=user))


def _date(moment):
    return timezone.localdate(moment) if moment else None


register(
    ListExport(
        name="lessons",
        title=_("Lessons"),
        list_url="education:lessons:lesson_list",
        rows=lesson_rows,
        columns=(
            Column(_("Title"), lambda lesson: lesson.title, 30),
            Column(_("Published by"), lambda lesson: lesson.organization.name, 24),
            Column(_("Status"), lambda lesson: lesson.get_status_display(), 10),
            Column(_("Who it is for"), lambda lesson: lesson.audience, 24),
            Column(_("Study hours"), lambda lesson: lesson.hours, 10),
            Column(_("Published on"), lambda lesson: _date(lesson.published_at), 12),
            Column(_("Sent"), lambda lesson: lesson.sent, 8),
            Column(_("Opened"), lambda lesson: lesson.opened, 8),
            Column(_("Completed"), lambda lesson: lesson.completed, 8),
            Column(_("Created"), lambda lesson: _date(lesson.created_at), 12),
        ),
    )
)
