"""Political birthdays (政治生日): the daily greeting fan-out and the secretaries' lists."""

import calendar
import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Case, Count, IntegerField, QuerySet, When

from members.files.models import BIRTHDAY_DIGEST, POLITICAL_BIRTHDAY, Member, anniversary_key
from members.organizations.models import Assignment, Organization, User
from members.outbox.actions import member_message, outbox_add
from members.outbox.models import Channel, Notification
from members.outbox.texts import OrganizationCache, TemplateBook, render, signature
from members.scoping import WRITE_ROLES, topmost

GREETING = POLITICAL_BIRTHDAY
DIGEST = BIRTHDAY_DIGEST
CURRENT_STATUSES = Member.CURRENT_STATUSES


def anniversary_keys(day: datetime.date) -> list[int]:
    """Anniversaries celebrated on ``day``; 28 February also greets 29 February in common years."""
    keys = [anniversary_key(day)]
    if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
        keys.append(229)
    return keys


def celebrating(day: datetime.date) -> QuerySet[Member]:
    """Current members with a political birthday on ``day`` (at least one full year)."""
    return Member.objects.filter(
        join_anniversary__in=anniversary_keys(day),
        status__in=CURRENT_STATUSES,
        joined_party_on__lt=datetime.date(day.year, 1, 1),
    )


def political_birthdays_queue(*, day: datetime.date, batch_size: int = 1000) -> int:
    """Write today's greetings to the outbox in batches and dispatch them; safe to run twice.

    Members are read by the indexed anniversary in keyset batches (never all at once); each
    batch is one transaction whose rows are sent after it commits.
    """
    occasion = str(day.year)
    book, organizations = TemplateBook(GREETING), OrganizationCache()
    fields = ("pk", "name", "phone", "joined_party_on", "organization_id")
    members = celebrating(day).order_by("pk")
    last, total = 0, 0
    while rows := list(members.filter(pk__gt=last).values(*fields)[:batch_size]):
        organizations.load(row["organization_id"] for row in rows)
        messages = [
            _greeting(row, day, book, organizations[row["organization_id"]]) for row in rows
        ]
        with transaction.atomic():
            outbox_add(kind=GREETING, occasion=occasion, messages=messages)
        last, total = rows[-1]["pk"], total + len(rows)
    birthday_digests_queue(day=day)
    return total


def _greeting(member: dict, day: datetime.date, book: TemplateBook, organization: dict):
    text = render(
        book.text_for(organization["path"]),
        name=member["name"],
        years=day.year - member["joined_party_on"].year,
        organization=organization["name"],
        secretary=organization["secretary_name"],
        signature=signature(organization),
        date=day.isoformat(),
    )
    return member_message(
        kind=GREETING, member=member, occasion=str(day.year), text=text, organization=organization
    )


@transaction.atomic
def birthday_digests_queue(*, day: datetime.date) -> int:
    """Tell each secretary and officer how many members of their subtree celebrate today."""
    # Count per organisation on the anniversary index alone, then add each count to every
    # ancestor: a few thousand rows, never a join over the member table.
    counts = dict(
        celebrating(day)
        .order_by()
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    per_path: dict[str, int] = defaultdict(int)
    for pk, path in Organization.objects.filter(pk__in=counts).values_list("pk", "path"):
        for end in range(len(path), 0, -Organization.steplen):
            per_path[path[:end]] += counts[pk]
    assignments = Assignment.objects.filter(
        organization__path__in=list(per_path), role__in=WRITE_ROLES
    ).values_list("user_id", "organization__path")
    by_user: dict[int, list[str]] = defaultdict(list)
    for user_id, path in assignments:
        by_user[user_id].append(path)
    book = TemplateBook(DIGEST)
    messages = [
        _digest(user_id, _count(paths, per_path), day, book) for user_id, paths in by_user.items()
    ]
    outbox_add(kind=DIGEST, occasion=day.isoformat(), messages=messages)
    return len(messages)


def _count(paths: list[str], per_path: dict[str, int]) -> int:
    """Sum over the user's subtrees, counting a subtree inside another only once."""
    return sum(per_path[p] for p in topmost(paths))


def _digest(user_id: int, count: int, day: datetime.date, book: TemplateBook) -> Notification:
    return Notification(
        kind=DIGEST,
        channel=Channel.INBOX,
        recipient_user_id=user_id,
        occasion=day.isoformat(),
        text=render(book.default, count=count, date=day.isoformat()),
    )


def birthdays_for(*, user: User, day: datetime.date, days: int = 7, limit: int = 50) -> list:
    """Members in the user's scope celebrating from ``day`` for ``days`` days, soonest first.

    Returns up to ``limit`` + 1 members (the extra one tells the page there are more); each
    carries ``celebrated_on`` and ``party_years_then``.
    """
    dates = [day + datetime.timedelta(days=n) for n in range(days)]
    offset = {
        key: n for n, date in reversed(list(enumerate(dates))) for key in anniversary_keys(date)
    }
    members = (
        Member.objects.visible_to(user)
        .filter(
            join_anniversary__in=list(offset), status__in=CURRENT_STATUSES, joined_party_on__lt=day
        )
        .select_related("organization")
        .annotate(
            soon=Case(
                *[When(join_anniversary=k, then=n) for k, n in offset.items()],
                output_field=IntegerField(),
            )
        )
        .order_by("soon", "name", "pk")[: limit + 1]
    )
    result = []
    for member in members:
        member.celebrated_on = dates[member.soon]
        member.party_years_then = member.celebrated_on.year - member.joined_party_on.year
        if member.party_years_then >= 1:
            result.append(member)
    return result
