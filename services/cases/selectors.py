"""Every scoped read of service cases: through ``ServiceCase.objects.visible_to``."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery

from members.organizations.models import User
from members.pagination import KeysetPage, keyset_page
from members.scoping import can_write
from services.cases.models import (
    CaseAttachment,
    CaseDepartment,
    CaseEvent,
    CaseMember,
    ServiceCase,
)
from services.stations.models import ServiceStation


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


# --- The secretary's pages: the list with its filters, the case page's parts. ---

MINE, MY_ORGANIZATION = "me", "org"


@dataclass(frozen=True)
class CaseFilters:
    status: str = "open"  # "open", "all" or one status
    category: str = ""
    overdue: bool = False
    handled: str = ""  # MINE, MY_ORGANIZATION or "" (anyone)
    text: str = ""


def with_list_columns(cases: QuerySet[ServiceCase]) -> QuerySet[ServiceCase]:
    """Each case's first member and how many members it has, in the list's one query."""
    rows = CaseMember.objects.filter(case=OuterRef("pk"))
    first = rows.order_by("id").values("member__name")[:1]
    count = rows.order_by().values("case").annotate(n=Count("id")).values("n")[:1]
    return cases.select_related("organization", "station").annotate(
        first_member=Subquery(first), member_count=Subquery(count)
    )


CASE_ORDER = ("-filed_at", "-id")


def case_rows(*, user: User, filters: CaseFilters, today: datetime.date) -> QuerySet[ServiceCase]:
    """The cases the list shows (its page and its export), filtered, newest first, each with
    the list's columns."""
    cases = _filtered(case_queryset(user=user), user, filters, today)
    return with_list_columns(cases).order_by(*CASE_ORDER)


def case_list(
    *, user: User, filters: CaseFilters, today: datetime.date, cursor: str = "", size: int = 25
) -> KeysetPage:
    """One page of the cases the user may read, newest first, filtered; no COUNT."""
    cases = case_rows(user=user, filters=filters, today=today)
    page = keyset_page(cases, order=CASE_ORDER, cursor=cursor, size=size)
    for case in page.items:
        case.overdue = case.is_open and case.due_on < today
    return page


def _filtered(cases, user, filters: CaseFilters, today) -> QuerySet[ServiceCase]:
    if filters.status == "open":
        cases = cases.open()
    elif filters.status in ServiceCase.Status.values:
        cases = cases.filter(status=filters.status)
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.overdue:
        cases = cases.open().filter(due_on__lt=today)
    if filters.handled == MINE:
        cases = cases.filter(handler=user)
    elif filters.handled == MY_ORGANIZATION:
        cases = cases.filter(organization__in=user.assignments.values("organization"))
    if filters.text:
        cases = cases.filter(title__icontains=filters.text)
    return cases


def case_members(case: ServiceCase) -> QuerySet[CaseMember]:
    return case.case_members.select_related("member__organization").order_by("id")


def case_departments(case: ServiceCase) -> QuerySet[CaseDepartment]:
    return case.departments.select_related("added_by")


def case_attachments(case: ServiceCase) -> QuerySet[CaseAttachment]:
    return case.attachments.select_related("uploaded_by")


def case_attachment_get(*, user: User, case_pk: int, pk: int) -> CaseAttachment:
    """An attachment of a case the user may read (``DoesNotExist`` otherwise: a 404)."""
    return CaseAttachment.objects.get(pk=pk, case=case_get(user=user, pk=case_pk))


def station_choices(case: ServiceCase) -> list[ServiceStation]:
    """Open stations, those in the regions of the members' organisations first."""
    regions = set(case.case_members.values_list("member__organization__region_code", flat=True))
    stations = list(ServiceStation.objects.active().select_related("organization"))
    return sorted(stations, key=lambda station: station.region_code not in regions)
