"""On the member file page: «服务诉求», the member's requests the reader may see (each member
of a group case sees it), and «登记诉求» for a reader who may write the member."""

from members.files.models import Member
from members.files.panels import Panel, file_panel
from members.scoping import can_write
from services.cases.notices import case_url
from services.cases.selectors import case_queryset

MAX_ROWS = 20
NEW_CASE_PATH = "/services/cases/new/"


@file_panel
def cases_panel(member: Member, *, user, today) -> list[Panel]:
    cases = list(
        case_queryset(user=user)
        .filter(case_members__member=member)
        .select_related("organization")[: MAX_ROWS + 1]
    )
    writer = can_write(user, member)
    if not cases and not writer:
        return []
    rows = [
        {"case": case, "url": case_url(case.pk), "overdue": case.is_open and case.due_on < today}
        for case in cases[:MAX_ROWS]
    ]
    context = {
        "rows": rows,
        "more": len(cases) > MAX_ROWS,
        "new_url": f"{NEW_CASE_PATH}?member={member.pk}" if writer else "",
    }
    return [Panel("services/cases/_panel.html", context, order=70)]
