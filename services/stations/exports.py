"""The service station directory as a spreadsheet: the page's stations with its filters."""

from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, register
from members.regions import region_name
from services.stations import selectors
from services.stations.forms import DirectoryFilter


def station_rows(*, user, params):
    return selectors.station_directory(user=user, **DirectoryFilter(params or None).chosen())


register(
    ListExport(
        name="stations",
        title=_("Service stations"),
        list_url="services:stations:station_list",
        rows=station_rows,
        columns=(
            Column(_("Name"), lambda station: station.name, 24),
            Column(_("Level"), lambda station: station.get_level_display(), 10),
            Column(_("Region"), lambda station: region_name(station.region_code), 24),
            Column(_("Address"), lambda station: station.address, 30),
            Column(_("Opening hours"), lambda station: station.opening_hours, 20),
            Column(_("Services offered"), lambda station: "、".join(station.service_labels()), 30),
            Column(_("Contact person"), lambda station: station.contact_person, 10),
            Column(_("Contact phone"), lambda station: station.contact_phone, 14),
            Column(_("Run by"), lambda station: station.organization.name, 24),
        ),
    )
)
