"""Political birthdays (政治生日): the daily greeting fan-out and the secretaries' lists."""

import calendar
import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, When
from django.utils.translation import gettext as _

from members.files.models import (
    BIRTHDAY_DIGEST,
    POLITICAL_BIRTHDAY,
    Member,
    anniversary_key,
    party_anniversary,
)
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
        years=party_anniversary(member["joined_party_on"], day),
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
    """Tell each secretary and officer who in their subtree celebrates today (a few names,
    then how many)."""
    # Read today's few celebrants once (a day's share of the anniversary index), then add each
    # to every ancestor's list: no join over the member table per secretary.
    celebrants = celebrating(day).order_by("name", "pk").values_list("organization_id", "name")
    names_by_org: dict[int, list[str]] = defaultdict(list)
    for organization_id, name in celebrants:
        names_by_org[organization_id].append(name)
    per_path: dict[str, list[str]] = defaultdict(list)
    for pk, path in Organization.objects.filter(pk__in=names_by_org).values_list("pk", "path"):
        for end in range(len(path), 0, -Organization.steplen):
            per_path[path[:end]] += names_by_org[pk]
    assignments = Assignment.objects.filter(
        organization__path__in=list(per_path), role__in=WRITE_ROLES
    ).values_list("user_id", "organization__path")
    by_user: dict[int, list[str]] = defaultdict(list)
    for user_id, path in assignments:
        by_user[user_id].append(path)
    book = TemplateBook(DIGEST)
    messages = [
        _digest(user_id, _names(paths, per_path), day, book) for user_id, paths in by_user.items()
    ]
    outbox_add(kind=DIGEST, occasion=day.isoformat(), messages=messages)
    return len(messages)


def _names(paths: list[str], per_path: dict[str, list[str]]) -> list[str]:
    """The user's celebrants, counting a subtree inside another only once."""
    return sorted(name for path in topmost(paths) for name in per_path[path])


NAMES_SHOWN = 3


def names_text(names: list[str]) -> str:
    """ "王秀玲、李四、张三等12名党员"; all the names when there are only a few."""
    shown = "、".join(names[:NAMES_SHOWN])
    if len(names) <= NAMES_SHOWN:
        return shown
    return _("%(names)s and others, %(count)s members in all") % {
        "names": shown,
        "count": len(names),
    }


def _digest(user_id: int, names: list[str], day: datetime.date, book: TemplateBook):
    text = render(book.default, names=names_text(names), count=len(names), date=day.isoformat())
    return Notification(
        kind=DIGEST,
        channel=Channel.INBOX,
        recipient_user_id=user_id,
        occasion=day.isoformat(),
        text=text,
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
        member.party_years_then = party_anniversary(member.joined_party_on, member.celebrated_on)
        if member.party_years_then >= 1:
            result.append(member)
    return result
