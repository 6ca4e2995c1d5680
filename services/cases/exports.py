"""The service request list as a spreadsheet: the page's cases with its filters and order."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, register
from services.cases import selectors
from services.cases.forms import CaseFilterForm


def case_rows(*, user, params):
    filters = CaseFilterForm(params or None).filters()
    return selectors.case_rows(user=user, filters=filters, today=timezone.localdate())


def _members(case) -> str | None:
    """As the page says it: the first member, and how many in all when more than one."""
    if case.member_count and case.member_count > 1:
        return gettext("%(name)s and others (%(total)s in all)") % {
            "name": case.first_member,
            "total": case.member_count,
        }
    return case.first_member


def _overdue(case) -> str:
    overdue = case.is_open and case.due_on < timezone.localdate()
    return gettext("Yes") if overdue else gettext("No")


def _date(moment):
    return timezone.localdate(moment) if moment else None


register(
    ListExport(
        name="cases",
        title=_("Service requests"),
        list_url="services:cases:case_list",
        rows=case_rows,
        columns=(
            Column(_("Title"), lambda case: case.title, 30),
            Column(_("Category"), lambda case: case.get_category_display(), 14),
            Column(_("Members concerned"), _members, 20),
            Column(_("Number of members"), lambda case: case.member_count or 0, 8),
            Column(_("Handled by"), lambda case: case.organization.name, 24),
            Column(_("Status"), lambda case: case.get_status_display(), 10),
            Column(_("Priority"), lambda case: case.get_priority_display(), 8),
            Column(_("Filed through"), lambda case: case.get_channel_display(), 20),
            Column(_("Filed on"), lambda case: _date(case.filed_at), 12),
            Column(_("Due"), lambda case: case.due_on, 12),
            Column(_("Overdue"), _overdue, 8),
            Column(_("Resolved on"), lambda case: _date(case.resolved_at), 12),
            Column(
                _("Service station"),
                lambda case: case.station.name if case.station else None,
                20,
            ),
        ),
    )
)
