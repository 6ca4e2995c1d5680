"""Every scoped read of service cases: through ``ServiceCase.objects.visible_to``."""

from django.db.models import QuerySet

from members.organizations.models import User
from members.scoping import can_write
from services.cases.models import CaseEvent, ServiceCase


def case_queryset(*, user: User, for_write: bool = False) -> QuerySet[ServiceCase]:
    return ServiceCase.objects.visible_to(user, for_write=for_write)


def case_get(*, user: User, pk: int) -> ServiceCase:
    """The case if the user may read it (``ServiceCase.DoesNotExist`` otherwise: a 404)."""
    return case_queryset(user=user).select_related("organization", "handler", "station").get(pk=pk)


def case_can_write(user: User, case: ServiceCase) -> bool:
    """May the user handle the case (take its steps, add notes, hand it over)?"""
    return can_write(user, case)


def case_timeline(case: ServiceCase) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor", "member")
