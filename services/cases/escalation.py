"""Overdue cases escalate up the tree (督办), from the daily scan (``services.cases.tasks``).

An open case past its due date escalates once to the organisation above the handling one;
after each further category limit (in working days) it escalates again, one level higher,
until the root. Each step is taken under the case's row lock (skipping a case another worker
holds) and checked again, and its messages' occasion names the case and the level, so a rerun
or a second worker never escalates or sends twice.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from members.organizations.models import Organization
from members.organizations.selectors import HandlerBook, ancestor_paths
from services.cases.models import CATEGORY_LIMITS, CaseEvent, ServiceCase
from services.cases.notices import notify_escalated
from services.workdays import working_days_between

SCAN_BATCH = 500


def level_due(case: ServiceCase, today: datetime.date) -> int:
    """How many levels up the case should be by ``today``: one the day after it is due, and
    one more after each further category limit in working days."""
    if today <= case.due_on:
        return 0
    late = working_days_between(case.due_on, today)
    return 1 + late // CATEGORY_LIMITS[case.category]


def escalation_target(case: ServiceCase, level: int) -> Organization | None:
    """The organisation ``level`` levels above the handling one (the root at most)."""
    above = ancestor_paths(case.handling_path)
    if not above:
        return None
    path = above[-min(level, len(above))]
    return Organization.objects.get(path=path)


def cases_escalate(today: datetime.date) -> int:
    """Escalate every overdue open case one level, if it is due for one; returns how many.

    One level a run: the scan runs daily and limits are at least five working days, so a case
    never falls behind by more than a day.
    """
    book = HandlerBook()
    escalated, last = 0, 0
    overdue = ServiceCase.objects.open().filter(due_on__lt=today).order_by("pk")
    while page := list(overdue.filter(pk__gt=last).values_list("pk", flat=True)[:SCAN_BATCH]):
        escalated += sum(case_escalate(pk, today, book) for pk in page)
        last = page[-1]
    return escalated


@transaction.atomic
def case_escalate(pk: int, today: datetime.date, book: HandlerBook | None = None) -> bool:
    case = (
        ServiceCase.objects.select_for_update(skip_locked=True)
        .filter(pk=pk, status__in=ServiceCase.OPEN_STATUSES)
        .first()
    )
    if case is None:
        return False  # closed meanwhile, or another worker holds it
    level = case.escalation_level + 1
    if level_due(case, today) < level:
        return False
    target = escalation_target(case, level)
    if target is None or target.pk == case.escalated_to_id:
        return False  # at the root already
    case.escalation_level, case.escalated_to = level, target
    case.save(update_fields=["escalation_level", "escalated_to"])
    line = _("Overdue since %(due)s: escalated to %(organization)s (level %(level)d).") % {
        "due": case.due_on.isoformat(),
        "organization": target.name,
        "level": level,
    }
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ESCALATION, text=line)
    notify_escalated(case, target, level, book or HandlerBook())
    return True
