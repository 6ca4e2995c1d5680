"""The dashboard of a user's scope and its birthdays card, as the home page shows them.

Each is the scope's last computed value (``refresh.latest``): a warm visit costs one
``get_many`` of the versions and one ``get`` (no query, no chart to draw); after a write in
the scope the page shows the last value and queues one refresh of the scope, so only the
first visit of a scope (or one after ``MAX_STALE``) computes in the request. Inside a
computation each figure and chart is cached on its own too, so a write to one model
recomputes only what reads it (``registry.scoped_cache``).
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import get_language

from members.organizations.models import User
from members.overview.build import BIRTHDAY_LIMIT, Birthday
from members.overview.refresh import birthdays_source, dashboard_source, latest
from members.overview.tasks import overview_refresh_task
from members.scoping import scope_paths

__all__ = ["BIRTHDAY_LIMIT", "Birthday", "birthdays_week", "dashboard"]


def dashboard(*, user: User, today: datetime.date) -> dict:
    """Figures grouped by chain, charts as SVG, the scope's names and when they were computed
    (nothing for a user who reads no organisation, such as the administrators)."""
    if scope_paths(user) == []:
        return {"scope_names": [], "figure_chains": [], "charts": [], "computed_at": None}
    entry = latest(user, dashboard_source(user, today), on_stale=_refresh_later(user))
    return entry.value | {"computed_at": entry.when}


def birthdays_week(*, user: User, today: datetime.date) -> list[Birthday]:
    """This week's political birthdays in the user's scope, up to ``BIRTHDAY_LIMIT`` + 1."""
    return latest(user, birthdays_source(user, today), on_stale=_refresh_later(user)).value


def _refresh_later(user: User) -> Callable[[], None]:
    language = get_language()

    def queue() -> None:
        # robust: a broker down leaves the stale figures shown, never an error page.
        transaction.on_commit(lambda: overview_refresh_task.delay(user.pk, language), robust=True)

    return queue
