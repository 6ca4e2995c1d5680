"""Scoped reads of the outbox: a user's inbox, and rows waiting too long to be sent."""

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from members.organizations.models import User
from members.outbox.models import Notification

INBOX_PAGE_SIZE = 20


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
