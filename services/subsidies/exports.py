"""The hardship subsidy list as a spreadsheet: the page's applications with its filters."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, id_number_column, register
from services.subsidies import selectors
from services.subsidies.forms import ListFilter


def subsidy_rows(*, user, params):
    rows = selectors.subsidy_list(user=user, **ListFilter(params or None).chosen())
    return rows.select_related("member__organization")


def _date(moment):
    return timezone.localdate(moment) if moment else None


register(
    ListExport(
        name="subsidies",
        title=_("Hardship subsidies"),
        list_url="services:subsidies:subsidy_list",
        rows=subsidy_rows,
        member=lambda application: application.member,
        columns=(
            Column(_("Member"), lambda application: application.member.name, 12),
            id_number_column(lambda application: application.member),
            Column(
                _("Member's branch"), lambda application: application.member.organization.name, 24
            ),
            Column(_("Year"), lambda application: application.year, 8),
            Column(_("Amount (yuan)"), lambda application: application.amount, 12),
            Column(_("Reason"), lambda application: application.reason, 40),
            Column(_("Applied by"), lambda application: application.organization.name, 24),
            Column(_("Decided by"), lambda application: application.approver.name, 24),
            Column(_("Status"), lambda application: application.get_status_display(), 10),
            Column(_("Submitted on"), lambda application: _date(application.submitted_at), 12),
            Column(_("Decided on"), lambda application: _date(application.decided_at), 12),
            Column(_("Decision note"), lambda application: application.decision_note, 24),
            Column(_("Paid out on"), lambda application: _date(application.paid_at), 12),
        ),
    )
)
