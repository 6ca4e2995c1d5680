"""The month's needs collection rounds as a spreadsheet: the page's rounds of its month."""

from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, register
from services.needs import selectors


def round_rows(*, user, params):
    month = selectors.chosen_month(params.get("month"))
    return selectors.month_round_rows(user=user, month=month)


register(
    ListExport(
        name="needs_rounds",
        title=_("Monthly needs collection"),
        list_url="services:needs:round_list",
        rows=round_rows,
        columns=(
            Column(_("Month"), lambda needs_round: f"{needs_round.month:%Y-%m}", 10),
            Column(_("Branch"), lambda needs_round: needs_round.organization.name, 24),
            Column(_("Number of members"), lambda needs_round: needs_round.members_count, 8),
            Column(_("Asked"), lambda needs_round: needs_round.asked_count, 8),
            Column(
                _("Percent asked"),
                lambda needs_round: selectors.totals_of(needs_round).percent_done,
                8,
            ),
            Column(_("Not reached"), lambda needs_round: needs_round.unreachable_count, 8),
            Column(_("With needs"), lambda needs_round: needs_round.needs_count, 8),
            Column(_("Turned into cases"), lambda needs_round: needs_round.cases_count, 8),
            Column(_("To be done by"), lambda needs_round: needs_round.due_on, 12),
        ),
    )
)
