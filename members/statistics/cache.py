"""The statistics' cache: each organisation's counts per year, recomputed after a change.

A cached entry's key holds a version of the organisation's path. A saved or deleted row that
the counts read (a mobile record, an organisation, a service station) gives the paths it
counts for, and the versions of those paths and all their ancestors are replaced: the next
page of any of them misses and counts afresh. The versions change at once (the same
transaction reads its own writes) and again once the transaction commits, so a page computed
meanwhile from the old rows is not kept. Versions never expire; entries expire after ``TTL``
(rows written with ``update()``, as the nightly repair does, send no signal).
"""

import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from members.organizations.selectors import ancestor_paths

TTL = 60 * 60
GENERATION = "statistics:generation"


def _version_key(path: str) -> str:
    return f"statistics:version:{path}"


def _current(key: str) -> str:
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        value = cache.get(key)
    return value


def cached(*, path: str, year: int, as_of, compute: Callable[[], object]):
    """The counts of the organisation at ``path`` for the year, computed once per version."""
    version = f"{_current(GENERATION)}:{_current(_version_key(path))}"
    key = f"statistics:counts:{path}:{year}:{as_of:%Y%m%d}:{version}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TTL)
    return found


def forget(paths: Iterable[str]) -> None:
    """Recompute the counts of the organisations at ``paths`` and of all their ancestors."""
    keys = {
        _version_key(prefix) for path in paths if path for prefix in (*ancestor_paths(path), path)
    }
    if keys:
        _renew(keys)
        transaction.on_commit(lambda: _renew(keys))


def forget_everything() -> None:
    """Recompute every organisation's counts (after stored paths were repaired in bulk)."""
    _renew({GENERATION})
    transaction.on_commit(lambda: _renew({GENERATION}))


def _renew(keys: set[str]) -> None:
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)


def forget_on_save(
    model: type[models.Model], paths_of: Callable[[models.Model], Iterable[str]]
) -> None:
    """Forget the counts a row of ``model`` is part of whenever one is saved or deleted."""

    def receiver(sender, instance, **kwargs) -> None:
        forget(paths_of(instance))

    uid = f"statistics:{model._meta.label}"
    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
