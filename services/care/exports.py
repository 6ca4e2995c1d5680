"""The care campaign list and the care record list as spreadsheets, as the pages list them."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, id_number_column, register
from services.care import selectors
from services.care.forms import RecordFilterForm


def campaign_rows(*, user, params):
    return selectors.campaign_rows(user=user)


register(
    ListExport(
        name="care_campaigns",
        title=_("Holiday care campaigns"),
        list_url="services:care:campaign_list",
        rows=campaign_rows,
        columns=(
            Column(_("Campaign"), lambda campaign: campaign.name, 24),
            Column(_("Occasion"), lambda campaign: campaign.get_holiday_display(), 16),
            Column(_("Organiser"), lambda campaign: campaign.organization.name, 24),
            Column(_("Starts on"), lambda campaign: campaign.starts_on, 12),
            Column(_("Ends on"), lambda campaign: campaign.ends_on, 12),
            Column(_("Who to visit"), lambda campaign: campaign.get_focus_display(), 16),
            Column(_("Visits planned"), lambda campaign: campaign.visits_count, 10),
            Column(_("Visits done"), lambda campaign: campaign.done_count, 10),
        ),
    )
)


def record_rows(*, user, params):
    filters = RecordFilterForm(params or None, user=user).filters()
    rows = selectors.record_rows(user=user, filters=filters)
    return rows.select_related("member__organization")


def _for_whom(record) -> str:
    if record.family_member is None:
        return gettext("The member in person")
    return str(record.family_member)


register(
    ListExport(
        name="care_records",
        title=_("Care records"),
        list_url="services:care:record_list",
        rows=record_rows,
        member=lambda record: record.member,
        columns=(
            Column(_("Date"), lambda record: record.on_date, 12),
            Column(_("Member"), lambda record: record.member.name, 12),
            id_number_column(lambda record: record.member),
            Column(_("Member's branch"), lambda record: record.member.organization.name, 24),
            Column(_("Cared for"), _for_whom, 16),
            Column(_("Kind of care"), lambda record: record.get_kind_display(), 16),
            Column(_("What was done"), lambda record: record.description, 40),
            Column(_("Campaign"), lambda record: record.campaign.name if record.campaign else None),
            Column(_("By"), lambda record: record.organization.name, 24),
            Column(_("Recorded on"), lambda record: timezone.localdate(record.created_at), 12),
        ),
    )
)
