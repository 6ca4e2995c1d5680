"""Stale-while-revalidate: a page never computes a scope's dashboard after a mere write.

The last value of each entry (the whole dashboard, the birthdays card) is kept per scope under
a key without versions or day, with the stamp it was computed for (day and versions of the
models read) and the time. A page view shows a fresh entry; a stale one computed less than
``MAX_STALE`` ago is shown too, and one refresh of the scope is queued (``claim``: the first
view holds the scope's lock until the refresh has run); nothing, or something older, is
computed in the request. The beat refreshes the county-level and higher scopes ahead of their
visitors (``scopes_refresh``).
"""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from members.files.models import Member
from members.organizations.models import Organization, User
from members.overview.build import birthdays, dashboard_build
from members.overview.registry import all_versions, scope_key, versions
from members.scoping import scope_paths

MAX_STALE = 15 * 60  # seconds: the oldest figures a page shows while their refresh runs
LOCK_TIMEOUT = 300  # the refresh task's time limit: a lost task frees its scope after it
KEEP = 2 * 24 * 3600  # the next morning's first view still finds yesterday's last value
STAFF_KINDS = (Organization.Kind.CITY, Organization.Kind.COUNTY)


@dataclass(frozen=True)
class Entry:
    value: object
    stamp: str  # the day and versions it was computed for
    computed_at: float  # seconds since the epoch

    @property
    def when(self) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(self.computed_at, tz=datetime.UTC)


@dataclass(frozen=True)
class Source:
    """One entry of a scope: its name, the stamp it would have now, how to compute it."""

    name: str
    stamp: str
    compute: Callable[[], object]


def dashboard_source(user: User, today: datetime.date) -> Source:
    """The whole dashboard (in the active language): depends on every watched model."""
    return Source(
        f"dashboard:{translation.get_language()}",
        f"{today}:{all_versions(user)}",
        lambda: dashboard_build(user, today),
    )


def birthdays_source(user: User, today: datetime.date) -> Source:
    return Source("birthdays", f"{today}:{versions(user, Member)}", lambda: birthdays(user, today))


def latest(user: User, source: Source, *, on_stale: Callable[[], object]) -> Entry:
    """The entry to show now; ``on_stale()`` is called once per scope until it is refreshed."""
    entry = cache.get(entry_key(user, source.name))
    if entry is not None and entry.stamp == source.stamp:
        return entry
    if entry is not None and time.time() - entry.computed_at < MAX_STALE:
        if claim(user):
            on_stale()
        return entry
    return _store(user, source)


def claim(user: User) -> bool:
    """Take the scope's refresh (in the active language); ``False``: one is under way."""
    return cache.add(_lock_key(user), 1, LOCK_TIMEOUT)


def release(user: User) -> None:
    """Free the scope's refresh (in the active language)."""
    cache.delete(_lock_key(user))


def forget(user: User) -> None:
    """Drop the last values of the user's scope (in the active language): the next page
    computes them in the request (to time a cold page)."""
    cache.delete_many(
        [entry_key(user, f"dashboard:{translation.get_language()}"), entry_key(user, "birthdays")]
    )


def dashboard_refresh(*, user: User, today: datetime.date) -> int:
    """Recompute the user's stale or missing entries, then free the scope's refresh; return
    how many were computed."""
    sources = [birthdays_source(user, today)]  # first: the dashboard's figure reads it too
    if scope_paths(user) != []:
        sources.append(dashboard_source(user, today))
    computed = 0
    try:
        for source in sources:
            found = cache.get(entry_key(user, source.name))
            if found is None or found.stamp != source.stamp:
                _store(user, source)
                computed += 1
    finally:
        release(user)
    return computed


def user_refresh(*, user_id: int, language: str) -> int:
    """The refresh a page view queued: the user's entries, in the language of the page."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    with translation.override(language):
        return dashboard_refresh(user=user, today=timezone.localdate())


def staff_scopes() -> list[User]:
    """One active user per distinct scope at county level and above: those assigned to a
    city or county committee, and one superuser for the whole province."""
    users = list(
        User.objects.filter(is_active=True, assignments__organization__kind__in=STAFF_KINDS)
        .distinct()
        .order_by("pk")
    )
    superuser = User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    by_scope: dict[str, User] = {}
    for user in [*users, *([superuser] if superuser else [])]:
        by_scope.setdefault(scope_key(user), user)
    return list(by_scope.values())


def scopes_refresh(*, today: datetime.date) -> int:
    """Refresh the staff scopes' stale entries in the site's language (the beat): one
    computation per scope, none where a page's refresh is under way; return how many."""
    computed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in staff_scopes():
            if claim(user):
                computed += dashboard_refresh(user=user, today=today)
    return computed


def _store(user: User, source: Source) -> Entry:
    entry = Entry(source.compute(), source.stamp, time.time())
    cache.set(entry_key(user, source.name), entry, KEEP)
    return entry


def entry_key(user: User, name: str) -> str:
    return f"overview:last:{name}:{scope_key(user)}"


def _lock_key(user: User) -> str:
    return f"overview:refreshing:{scope_key(user)}:{translation.get_language()}"
