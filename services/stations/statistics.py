"""The service stations' part of the official statistics' supplement (流动党员情况 补充资料):
stations established by level, registered with the management chain's statistics."""

from django.utils.translation import gettext_lazy as _

from members.statistics.registry import SupplementPart, supplement_row
from services.stations.models import ServiceStation
from services.stations.selectors import station_level_counts

supplement_row(
    SupplementPart(
        key="service_stations",
        title=_("Service centres and stations for mobile Party members established"),
        columns=ServiceStation.Level.choices,
        lines=[("stations", _("Number of stations"))],
        counts=station_level_counts,
        order=10,
        sources=[(ServiceStation, lambda station: [station.organization.path])],
    )
)
