"""The registration's choices the official statistics table 流动党员情况 counts by: the
original occupation (its columns) and the destination unit type (its rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Occupation(models.TextChoices):
    PUBLIC_STAFF = (
        "public_staff",
        _("Managers and professionals of public enterprises and institutions"),
    )
    SKILLED_WORKER = "skilled_worker", _("Skilled and service workers")
    FARMER = "farmer", _("Farmers, herders and fishers")
    GRADUATE = "graduate", _("Unemployed university graduates")
    INTERMEDIARY = "intermediary", _("Staff of intermediary organisations")
    LAWYER = "lawyer", _("Practising lawyers")
    ACCOUNTANT = "accountant", _("Accountants")
    OTHER = "other", _("Other")


class UnitType(models.TextChoices):
    STATE_ORGAN = "state_organ", _("State organ")
    INSTITUTION = "institution", _("Public institution")
    TALENT_CENTRE = "talent_centre", _("Talent (labour) service centre")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned or collective enterprise")
    # The official statistics count these under publicly and privately controlled units.
    PUBLIC_HMT_ENTERPRISE = (
        "public_hmt_enterprise",
        _("Hong Kong, Macao or Taiwan invested enterprise, publicly controlled"),
    )
    PUBLIC_FOREIGN_ENTERPRISE = (
        "public_foreign_enterprise",
        _("Foreign-invested enterprise, publicly controlled"),
    )
    HMT_ENTERPRISE = "hmt_enterprise", _("Hong Kong, Macao or Taiwan invested enterprise")
    FOREIGN_ENTERPRISE = "foreign_enterprise", _("Foreign-invested enterprise")
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise", _("Private non-enterprise unit")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private enterprise")
    INDIVIDUAL = "individual", _("Individual business")
    URBAN_COMMUNITY = "urban_community", _("Urban community")
    TOWN_COMMUNITY = "town_community", _("Township community")
    VILLAGE = "village", _("Administrative village")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Destination unknown")
