"""The classes a member was invited to, on the member file (as far as the reader may see)."""

from education.classes.selectors import member_classes
from members.files.panels import Panel, file_panel


@file_panel
def classes_panel(member, *, user, today) -> list[Panel]:
    invitations = member_classes(user=user, member=member)
    if not invitations:
        return []
    return [Panel("education/classes/_member_panel.html", {"invitations": invitations}, order=41)]
