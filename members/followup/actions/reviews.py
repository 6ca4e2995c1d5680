"""The activity card's yearly review (年审) and work the branch assigns a member."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup.actions.sides import managing_side, not_future
from members.followup.models import ActivityCardReview, AssignedWork, record_facts_refresh
from members.organizations.models import User


@transaction.atomic
def card_review_record(
    *,
    actor: User,
    member: Member,
    year: int,
    result: str,
    reviewed_on: datetime.date,
    note: str = "",
) -> ActivityCardReview:
    """Record the yearly review (年审) of the member's activity card; one per year."""
    _side, record = managing_side(actor, member)
    not_future(reviewed_on, "reviewed_on")
    if year > reviewed_on.year:
        raise ValidationError({"year": _("A year cannot be reviewed before it starts.")})
    review = ActivityCardReview(
        member=member,
        record=record,
        year=year,
        result=result,
        reviewed_on=reviewed_on,
        note=note.strip(),
        by=actor,
    )
    review.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ValidationError(
            {"year": _("The card has already been reviewed for %(year)s.") % {"year": year}}
        ) from None
    record_facts_refresh(member_ids=[member.pk])
    return review


@transaction.atomic
def assigned_work_add(
    *,
    actor: User,
    member: Member,
    description: str,
    assigned_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> AssignedWork:
    """Record work the branch gave the member (counts against art. 31)."""
    managing_side(actor, member)
    if not description.strip():
        raise ValidationError({"description": _("Describe the work.")})
    # Work counts from the day it is given: recorded, not planned ahead.
    not_future(assigned_on, "assigned_on")
    if ends_on is not None and ends_on < assigned_on:
        raise ValidationError({"ends_on": _("The work cannot end before it was assigned.")})
    work = AssignedWork.objects.create(
        member=member,
        description=description.strip(),
        assigned_on=assigned_on,
        ends_on=ends_on,
        by=actor,
    )
    record_facts_refresh(member_ids=[member.pk])
    return work
