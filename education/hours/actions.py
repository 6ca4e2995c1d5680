"""Crediting study hours: the one function lessons, classes and readings call."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from education.hours.models import StudyCredit
from members.files.models import Member
from members.organizations.models import User
from members.workflow import lock

Source = StudyCredit.Source
# One record of study elsewhere: a week of concentrated study at most.
MAX_OTHER_HOURS = Decimal(60)


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


@transaction.atomic
def hours_add_other(
    *,
    actor: User,
    member: Member,
    hours: Decimal,
    studied_on: datetime.date,
    description: str,
) -> StudyCredit:
    """Credit hours the member studied elsewhere (e.g. a concentrated course where they work),
    on the secretary's record: writers of the member's file or host only."""
    if not Member.objects.visible_to(actor, for_write=True).filter(pk=member.pk).exists():
        raise PermissionDenied(_("You may not record study hours for this member."))
    errors = {}
    if hours is None or not Decimal("0.5") <= hours <= MAX_OTHER_HOURS:
        errors["hours"] = _("Give between 0.5 and %(max)s hours.") % {"max": MAX_OTHER_HOURS}
    if studied_on is None or studied_on > timezone.localdate():
        errors["studied_on"] = _("The day of study cannot be in the future.")
    if not (description or "").strip():
        errors["description"] = _("Say what was studied and where.")
    if errors:
        raise ValidationError(errors)
    # Numbered per member: locking the member makes two secretaries saving at once take turns.
    lock(member)
    last = StudyCredit.objects.filter(member=member, source=Source.OTHER).aggregate(
        last=Max("source_id")
    )["last"]
    return StudyCredit.objects.create(
        member=member,
        year=studied_on.year,
        hours=hours,
        source=Source.OTHER,
        source_id=(last or 0) + 1,
        description=description.strip()[:200],
        studied_on=studied_on,
    )
