"""The member file's study-hours panel: the year's hours against the 32-hour line, the credits
behind them, and the member's study plans with progress (members.files.panels)."""

from education.hours import selectors
from education.plans.selectors import member_plans
from members.files.models import Member
from members.files.panels import Panel, file_panel
from members.scoping import can_write

CREDITS_SHOWN = 50


@file_panel
def study_hours_panel(member: Member, *, user, today) -> list[Panel]:
    credits = list(
        selectors.member_credits(user=user, member=member, year=today.year)[: CREDITS_SHOWN + 1]
    )
    context = {
        "member": member,
        "year": today.year,
        "bar": selectors.year_bar(member=member, year=today.year),
        "credits": credits[:CREDITS_SHOWN],
        "more_credits": len(credits) > CREDITS_SHOWN,
        "plans": member_plans(member=member),
        "can_add": can_write(user, member),
    }
    return [Panel("education/hours/_file_panel.html", context, order=50)]
