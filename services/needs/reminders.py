"""The daily reminder of rounds not finished: once three working days before the due date,
once more after it, to the round's organisation's handlers (its secretaries, else those of
the nearest organisation above)."""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from members.organizations.selectors import HandlerBook
from members.outbox.actions import inbox_message, outbox_add
from members.outbox.texts import TemplateBook, render
from members.workflow import lock
from services.needs.kinds import NEEDS_ROUND_REMINDER
from services.needs.models import NeedsRound
from services.workdays import add_working_days

SOON_DAYS = 3
# A round more than this long overdue is left alone: last month's laggards have been told.
LATE_WINDOW = datetime.timedelta(days=31)


def reminder_stage(needs_round: NeedsRound, today: datetime.date) -> str | None:
    """ "soon" (three working days or fewer left), "late" (past due), or None: not (yet) due
    a reminder, or already given the one of its stage."""
    if needs_round.asked_count >= needs_round.members_count:
        return None
    reminded = needs_round.reminded_on
    if today > needs_round.due_on:
        return None if reminded and reminded > needs_round.due_on else "late"
    if add_working_days(today, SOON_DAYS) >= needs_round.due_on:
        return None if reminded else "soon"
    return None


def needs_rounds_remind(*, today: datetime.date | None = None) -> int:
    """Remind the handlers of each unfinished round due soon or overdue; return the messages
    dispatched. Each round is its own short transaction; the occasion names the round and the
    stage, so a rerun (or a second worker) sends nothing twice."""
    today = today or timezone.localdate()
    due = NeedsRound.objects.filter(
        Q(asked_count__lt=F("members_count")),
        due_on__lte=add_working_days(today, SOON_DAYS),
        due_on__gte=today - LATE_WINDOW,
    ).select_related("organization")
    book, texts, total = HandlerBook(), TemplateBook(NEEDS_ROUND_REMINDER), 0
    for needs_round in due.order_by("pk").iterator(chunk_size=500):
        if reminder_stage(needs_round, today) is None:
            continue
        with transaction.atomic():
            total += _remind(needs_round, today, book, texts)
    return total


def _remind(needs_round: NeedsRound, today, book: HandlerBook, texts: TemplateBook) -> int:
    needs_round = lock(needs_round, "organization")
    stage = reminder_stage(needs_round, today)
    if stage is None:
        return 0
    organization = needs_round.organization
    occasion = f"needs:{needs_round.pk}:{stage}"
    text = render(
        texts.text_for(organization.path),
        organization=organization.name,
        date=needs_round.due_on.isoformat(),
        count=needs_round.members_count - needs_round.asked_count,
    )
    link = reverse("services:needs:round_detail", args=[needs_round.pk])
    messages = [
        inbox_message(
            kind=NEEDS_ROUND_REMINDER,
            user=user,
            occasion=occasion,
            text=text,
            organization=organization,
            link=link,
        )
        for user in book.handlers(organization)
    ]
    needs_round.reminded_on = today
    needs_round.save(update_fields=["reminded_on"])
    return len(outbox_add(kind=NEEDS_ROUND_REMINDER, occasion=occasion, messages=messages))
