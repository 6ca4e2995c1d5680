"""The lessons sent to a member, on the member file (as far as the reader may see them)."""

from education.lessons.selectors import member_lessons
from members.files.panels import Panel, file_panel


@file_panel
def lessons_panel(member, *, user, today) -> list[Panel]:
    deliveries = member_lessons(user=user, member=member)
    if not deliveries:
        return []
    return [Panel("education/lessons/_member_panel.html", {"deliveries": deliveries}, order=40)]
