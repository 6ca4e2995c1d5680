"""The member file's «困难补助» panel: the yearly totals granted and the applications, as far as
the reader may see them, and a link to apply for those who may."""

from members.files.models import Member
from members.files.panels import Panel, file_panel
from services.subsidies import selectors

ROWS = 20


@file_panel
def subsidy_panel(member: Member, *, user, today) -> list[Panel]:
    applications = list(selectors.member_subsidies(user=user, member=member)[:ROWS])
    can_apply = selectors.applying_organization(user=user, member=member) is not None
    if not applications and not can_apply:
        return []
    context = {
        "member": member,
        "applications": applications,
        "totals": selectors.member_year_totals(member) if applications else [],
        "can_apply": can_apply,
    }
    return [Panel("services/subsidies/_member_panel.html", context, order=80)]
