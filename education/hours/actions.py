"""Crediting study hours: the one function lessons, classes and readings call."""

import datetime
from decimal import Decimal

from education.hours.models import StudyCredit

Source = StudyCredit.Source


def hours_credit(
    *,
    member_ids: list[int],
    source: str,
    source_id: int,
    hours: Decimal,
    studied_on: datetime.date,
    description: str,
) -> int:
    """Credit each member once for this source (a second credit is a no-op); return how many
    rows were new. Call it inside the transaction of the change that earns the hours."""
    existing = set(
        StudyCredit.objects.filter(
            member_id__in=member_ids, source=source, source_id=source_id
        ).values_list("member_id", flat=True)
    )
    credits = [
        StudyCredit(
            member_id=member_id,
            year=studied_on.year,
            hours=hours,
            source=source,
            source_id=source_id,
            description=description[:200],
            studied_on=studied_on,
        )
        for member_id in member_ids
        if member_id not in existing
    ]
    StudyCredit.objects.bulk_create(credits, ignore_conflicts=True)
    return len(credits)


def hours_withdraw(*, member_ids: list[int], source: str, source_id: int) -> int:
    """Take back a credit (attendance corrected to absent, a confirmation undone)."""
    rows = StudyCredit.objects.filter(member_id__in=member_ids, source=source, source_id=source_id)
    return rows.delete()[0]
