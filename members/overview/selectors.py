"""The dashboard of a user's scope: the registered figures and the charts ready to draw."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.organizations.models import Organization, User
from members.overview.charts import drawn
from members.overview.registry import EDUCATION, MANAGEMENT, SERVICES, charts_for, figures_for
from members.scoping import scope_paths

CHAINS = (
    (MANAGEMENT, gettext_lazy("Management chain")),
    (EDUCATION, gettext_lazy("Education chain")),
    (SERVICES, gettext_lazy("Service chain")),
)


def dashboard(*, user: User, today: datetime.date) -> dict:
    """Figures grouped by chain, charts with their geometry, and the scope's name (nothing
    for a user who reads no organisation, such as the administrators)."""
    if scope_paths(user) == []:
        return {"scope_names": [], "figure_chains": [], "charts": []}
    figures = figures_for(user, today)
    chains = [
        (label, [f for f in figures if f.chain == chain])
        for chain, label in ((c, str(name)) for c, name in CHAINS)
    ]
    return {
        "scope_names": scope_names(user),
        "figure_chains": [(label, found) for label, found in chains if found],
        "charts": [drawn(data) for data in charts_for(user, today)],
    }


def scope_names(user: User) -> list[str]:
    """The organisations whose subtrees the user reads (everything: the whole tree)."""
    paths = scope_paths(user)
    if paths is None:
        return [_("All organisations")]
    return list(
        Organization.objects.filter(path__in=paths).order_by("path").values_list("name", flat=True)
    )
