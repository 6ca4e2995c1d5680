"""On the member file page: the member's study packages, as far as the reader may see."""

from education.packages.selectors import member_shipments
from members.files.panels import Panel, file_panel

MAX_ROWS = 20


@file_panel
def package_panel(member, *, user, today) -> list[Panel]:
    shipments = list(member_shipments(user=user, member=member)[:MAX_ROWS])
    if not shipments:
        return []
    return [Panel("education/packages/_member_shipments.html", {"shipments": shipments}, 60)]
