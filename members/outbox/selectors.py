"""Scoped reads of the outbox: a user's inbox, and rows waiting too long to be sent."""

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from members.organizations.models import User
from members.outbox.models import Notification

INBOX_PAGE_SIZE = 20
RESENDABLE = (Notification.Status.FAILED, Notification.Status.SKIPPED)


def notification_queryset(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.visible_to(user)


def inbox_page(*, user: User, before: int | None = None, size: int = INBOX_PAGE_SIZE):
    """The user's in-app messages, newest first: one page and the id to continue before."""
    rows = Notification.objects.inbox_of(user).order_by("-pk")
    if before:
        rows = rows.filter(pk__lt=before)
    fields = ("pk", "kind", "text", "created_at", "read_at", "link")
    page = list(rows.only(*fields)[: size + 1])
    return page[:size], (page[size - 1].pk if len(page) > size else None)


def sent_messages(
    *,
    user: User,
    kind: str = "",
    status: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[Notification]:
    """Messages to members the user may see (their subtrees', and those the user sent),
    filtered; the page orders and pages them by id, without counting."""
    rows = Notification.objects.visible_to(user).filter(recipient_member__isnull=False)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if since:
        rows = rows.filter(created_at__gte=_day_start(since))
    if until:
        rows = rows.filter(created_at__lt=_day_start(until + datetime.timedelta(days=1)))
    return rows.select_related("recipient_member", "sender", "organization")


def resendable_ids(*, user: User, ids: list[int]) -> set[int]:
    """Which of these messages the user may send again (the same rule as the action)."""
    rows = Notification.objects.visible_to(user, for_write=True).filter(
        pk__in=ids, status__in=RESENDABLE
    )
    return set(rows.values_list("pk", flat=True))


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def unread_count(*, user: User) -> int:
    return Notification.objects.inbox_of(user).filter(read_at__isnull=True).count()


def stale_pending_batches(
    *, now: datetime.datetime | None = None, batch_size: int = 1000
) -> Iterator[list[int]]:
    """Ids of rows still pending long after their last try (a lost task), in batches."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        seconds=2 * settings.NOTIFICATION_RETRY_BACKOFF_MAX
    )
    stale = Notification.objects.filter(
        status=Notification.Status.PENDING, updated_at__lt=cutoff
    ).order_by("pk")
    last = 0
    while ids := list(stale.filter(pk__gt=last).values_list("pk", flat=True)[:batch_size]):
        yield ids
        last = ids[-1]
