"""Every write of service stations: create one, change it, close it."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.organizations.models import Organization, User
from members.scoping import ensure_can_write
from members.workflow import lock
from services.stations.models import ServiceStation

FIELDS = (
    "name",
    "level",
    "region_code",
    "address",
    "opening_hours",
    "contact_person",
    "contact_phone",
    "services",
    "active",
)


def _services(services: Iterable[str]) -> list[str]:
    known = [code for code, _label in ServiceStation.Service.choices]
    chosen = list(dict.fromkeys(services))
    if not chosen:
        raise ValidationError({"services": _("Tick at least one service the station offers.")})
    if any(code not in known for code in chosen):
        raise ValidationError({"services": _("Choose the services from the list.")})
    return [code for code in known if code in chosen]


def _apply(station: ServiceStation, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown station fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(station, name, value.strip() if isinstance(value, str) else value)
    station.services = _services(station.services)
    station.full_clean(exclude=["organization"])


@transaction.atomic
def station_create(*, actor: User, organization: Organization, **fields) -> ServiceStation:
    """A station run by the organisation (the actor writes it)."""
    ensure_can_write(actor, organization)
    station = ServiceStation(organization=organization)
    _apply(station, fields)
    station.save()
    return station


@transaction.atomic
def station_update(*, actor: User, station: ServiceStation, **fields) -> ServiceStation:
    """Change the station's facts (the organisation running it stays)."""
    station = lock(station, "organization")
    ensure_can_write(actor, station)
    _apply(station, fields)
    station.save()
    return station


@transaction.atomic
def station_close(*, actor: User, station: ServiceStation) -> ServiceStation:
    """The station no longer receives members: it leaves the directory and the phone pages."""
    station = lock(station, "organization")
    ensure_can_write(actor, station)
    station.active = False
    station.save(update_fields=["active"])
    return station
