"""What the dashboard and the birthdays card hold, computed from the database (the per-figure
and per-chart caches of ``registry.scoped_cache`` help). Pages read them through
``selectors``, which keep the last result of each scope (``refresh``)."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.files.models import Member
from members.files.selectors import political_birthdays
from members.organizations.models import Organization, User
from members.overview.charts import drawn
from members.overview.registry import (
    EDUCATION,
    MANAGEMENT,
    SERVICES,
    charts_for,
    figures_for,
    scoped_cache,
)
from members.scoping import scope_paths

BIRTHDAY_LIMIT = 50

CHAINS = (
    (MANAGEMENT, gettext_lazy("Management chain")),
    (EDUCATION, gettext_lazy("Education chain")),
    (SERVICES, gettext_lazy("Service chain")),
)


def dashboard_build(user: User, today: datetime.date) -> dict:
    """Figures grouped by chain, charts drawn as SVG, and the scope's names."""
    figures = figures_for(user, today)
    chains = [(str(label), [f for f in figures if f.chain == chain]) for chain, label in CHAINS]
    charts = [
        render_to_string("members/overview/chart.html", drawn(data))  # a SafeString, pickled
        for data in charts_for(user, today)
    ]
    return {
        "scope_names": scope_names(user),
        "figure_chains": [(label, found) for label, found in chains if found],
        "charts": charts,
    }


def scope_names(user: User) -> list[str]:
    """The organisations whose subtrees the user reads (everything: the whole tree)."""
    paths = scope_paths(user)
    if paths is None:
        return [_("All organisations")]
    return list(
        Organization.objects.filter(path__in=paths).order_by("path").values_list("name", flat=True)
    )


@dataclass(frozen=True)
class Birthday:
    """What the home page shows of a member celebrating (and all the cache keeps of them)."""

    pk: int
    name: str
    organization: str
    celebrated_on: datetime.date
    party_years_then: int


def birthdays(user: User, today: datetime.date) -> list[Birthday]:
    """This week's political birthdays in the user's scope, up to ``BIRTHDAY_LIMIT`` + 1,
    cached per scope, day and member versions: the query reads a province's anniversaries
    (≈20,000 rows)."""

    def compute() -> list[Birthday]:
        found = political_birthdays(user=user, day=today, days=7, limit=BIRTHDAY_LIMIT)
        return [
            Birthday(m.pk, m.name, str(m.organization), m.celebrated_on, m.party_years_then)
            for m in found
        ]

    return scoped_cache("birthdays", user, today, [Member], compute)
