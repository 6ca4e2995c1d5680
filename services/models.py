"""The models of the ``services`` app, gathered from its topic packages for Django's registry."""

from services.care.models import CareCampaign, CareRecord, CareVisit
from services.cases.models import (
    CaseAttachment,
    CaseDepartment,
    CaseEvent,
    CaseMember,
    ServiceCase,
)
from services.needs.models import NeedsEntry, NeedsRound
from services.stations.models import ServiceStation
from services.subsidies.models import SubsidyApplication, SubsidyAttachment

__all__ = [
    "CareCampaign",
    "CareRecord",
    "CareVisit",
    "CaseAttachment",
    "CaseDepartment",
    "CaseEvent",
    "CaseMember",
    "NeedsEntry",
    "NeedsRound",
    "ServiceCase",
    "ServiceStation",
    "SubsidyApplication",
    "SubsidyAttachment",
]
