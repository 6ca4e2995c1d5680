"""The export of the management warnings list (差异化管理): each member with their warnings."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.downloads.registry import (
    Column,
    ListExport,
    choice,
    filters_in_words,
    id_number_column,
    register,
)
from members.followup import selectors
from members.followup.forms import WarningFilterForm
from members.mobility.models import MobileRecord


def warning_rows(*, user, params):
    """The warnings list's rows: the same filter, selector and order as the page."""
    code = WarningFilterForm(params).code_chosen()
    return selectors.warning_records(user=user, today=timezone.localdate(), code=code)


def _with_warnings(records: list, *, user, params) -> None:
    code = WarningFilterForm(params).code_chosen()
    selectors.with_warnings(records, today=timezone.localdate(), code=code)


def _warnings(record) -> str:
    return "；".join(str(warning.label) for warning in record.warnings)


def _since(record):
    return min((warning.since for warning in record.warnings), default=None)


def _member(record):
    return record.member


register(
    ListExport(
        name="warnings",
        title=_("Management warnings"),
        list_url="management:warnings",
        rows=warning_rows,
        member=_member,
        chunk=_with_warnings,
        describe=lambda *, user, params: filters_in_words(WarningFilterForm(params)),
        columns=[
            Column(_("Member"), lambda r: r.member.name, width=12),
            id_number_column(_member),
            Column(_("Home organisation"), lambda r: r.outflow_name, width=26),
            Column(_("Inflow side"), lambda r: r.inflow_name, width=26),
            Column(_("Departure"), lambda r: r.departure_date, width=12),
            Column(_("Status"), choice(MobileRecord, "status"), width=10),
            Column(_("Warnings"), _warnings, width=50),
            Column(_("Counted from"), _since, width=12),
            Column(_("member's phone there"), lambda r: r.member_phone_there, width=13),
            Column(_("employer"), lambda r: r.employer_name, width=24),
        ],
    )
)
