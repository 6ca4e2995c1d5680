"""On the member's phone page: the service stations of the place the member lives in now,
each opening a small page with its address, hours, services and a number to call."""

from django.http import Http404
from django.utils.translation import gettext as _

from members.links.registry import Item, Section, link_page, page_url, section_provider
from members.regions import region_name
from services.stations.models import ServiceStation
from services.stations.selectors import stations_near

PAGE = "station"


@section_provider
def station_section(member, *, today) -> list[Section]:
    stations = stations_near(member)
    if not stations:
        return []
    items = tuple(_item(station) for station in stations)
    return [Section(title=_("Mobile Party member service stations nearby"), items=items, order=70)]


def _item(station: ServiceStation) -> Item:
    detail = _("%(address)s · open %(hours)s · %(services)s · tel. %(phone)s") % {
        "address": station.address,
        "hours": station.opening_hours,
        "services": "、".join(station.service_labels()),
        "phone": station.contact_phone,
    }
    return Item(title=station.name, detail=detail, url=page_url(PAGE, station.pk))


@link_page(PAGE)
def station_page(member, *, target_id, link, request):
    """One station near the member (any other id is a 404: the page shows only those)."""
    station = next((s for s in stations_near(member) if s.pk == target_id), None)
    if station is None:
        raise Http404
    context = {"station": station, "region": region_name(station.region_code)}
    return "services/stations/phone_station.html", context
