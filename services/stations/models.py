"""Service stations (流动党员服务站/点) at 党群服务中心: where mobile members get help.

A station is run by an organisation (which edits it), sits in a region (the 6-digit code of
its county or district) and offers some of the services below. Stations are a public
directory: every secretary may read them and route a case to one; the member's phone page
lists those of the place the member lives in now.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.organizations.models import Organization
from members.scoping import ScopedQuerySet, subtree_q
from members.validators import validate_phone, validate_region_code


class StationQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        if for_write or not paths:
            return subtree_q(paths, "organization__path")
        return Q()  # a directory: any user with a role somewhere reads every station

    def active(self):
        return self.filter(active=True)


class ServiceStation(models.Model):
    class Level(models.TextChoices):
        # The levels of the official statistics' supplement (流动党员情况 补充资料).
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County or district")
        TOWN = "town", _("Town")
        SUBDISTRICT = "subdistrict", _("Subdistrict")
        COMMUNITY = "community", _("Community")
        VILLAGE = "village", _("Village")

    class Service(models.TextChoices):
        POLICY = "policy", _("Policy advice")
        JOBS = "jobs", _("Job information")
        RIGHTS = "rights", _("Rights protection")
        CHILDREN = "children", _("Care for left-behind children")
        SKILLS = "skills", _("Skills training")
        HEALTH = "health", _("Health follow-up")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="service_stations", verbose_name=_("run by")
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    region_code = models.CharField(
        _("region code"), max_length=6, validators=[validate_region_code]
    )
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=20, validators=[validate_phone])
    services = models.JSONField(_("services offered"), default=list)  # Service values
    active = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("service station")
        verbose_name_plural = _("service stations")
        ordering = ["region_code", "name"]
        indexes = [models.Index(fields=["region_code", "name"], name="station_region")]

    def __str__(self):
        return self.name

    def service_labels(self) -> list[str]:
        labels = dict(self.Service.choices)
        return [str(labels[code]) for code in self.services if code in labels]
