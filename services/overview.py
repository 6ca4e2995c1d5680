"""The service chain's figures and chart on the home dashboard (members.overview.registry):
open requests by category and by age, overdue requests, this month's needs collection, and
requests by category with their resolution time. Loaded at start by ``members.apps``."""

import datetime

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.overview.registry import (
    BARS,
    SERVICES,
    ChartData,
    Figure,
    Part,
    Row,
    chart,
    figure,
    scoped_cache,
    watch,
)
from services.cases.models import ServiceCase
from services.cases.selectors import case_queryset
from services.needs import actions as needs_actions
from services.needs.models import NeedsEntry, NeedsRound
from services.needs.selectors import round_queryset, summary_totals

AGE_BANDS = ((0, 7), (8, 30), (31, None))  # days since filing
CHART_DAYS = 365

watch(ServiceCase, NeedsRound, NeedsEntry)


def _cases_url(**query) -> str:
    from urllib.parse import urlencode

    return f"{reverse('services:cases:case_list')}?{urlencode(query)}"


def _open(user):
    return case_queryset(user=user).open().order_by().select_related(None)


@figure("cases_open", order=110, chain=SERVICES)
def open_by_category(user, today: datetime.date) -> Figure:
    """Open requests the user reads, per category (each part the list filtered that way)."""

    def compute() -> list[tuple[str, int]]:
        rows = _open(user).values("category").annotate(n=Count("*")).values_list("category", "n")
        return list(rows)

    counts = dict(scoped_cache("cases_open", user, today, [ServiceCase], compute))
    parts = tuple(
        Part(str(label), counts[value], _cases_url(status="open", category=value))
        for value, label in ServiceCase.Category.choices
        if counts.get(value)
    )
    total = sum(counts.values())
    return Figure(_("Open service requests"), total, _cases_url(status="open"), parts=parts)


@figure("cases_age", order=120, chain=SERVICES)
def open_by_age(user, today: datetime.date) -> Figure:
    """The same open requests by how long ago they were filed."""

    def compute() -> list[int]:
        start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        bands = {}
        for low, high in AGE_BANDS:
            condition = Q(filed_at__lt=start - datetime.timedelta(days=low - 1))
            if high is not None:
                condition &= Q(filed_at__gte=start - datetime.timedelta(days=high))
            bands[f"b{low}"] = Count("pk", filter=condition)
        return list(_open(user).aggregate(**bands).values())

    counts = scoped_cache("cases_age", user, today, [ServiceCase], compute)
    labels = (_("Up to 7 days"), _("8 to 30 days"), _("More than 30 days"))
    parts = tuple(Part(label, n) for label, n in zip(labels, counts, strict=True))
    return Figure(
        _("Open service requests by age"), sum(counts), _cases_url(status="open"), parts=parts
    )


@figure("cases_overdue", order=130, chain=SERVICES)
def overdue(user, today: datetime.date) -> Figure:
    """Open requests past their due date (the list's "overdue only" filter)."""

    def compute() -> int:
        return _open(user).filter(due_on__lt=today).count()

    count = scoped_cache("cases_overdue", user, today, [ServiceCase], compute)
    return Figure(_("Overdue service requests"), count, _cases_url(overdue="on"))


@figure("needs_month", order=140, chain=SERVICES)
def needs_this_month(user, today: datetime.date) -> Figure:
    """This month's needs collection in the rounds the user reads: asked of all rows."""
    month = needs_actions.month_start(today)

    def compute():
        return summary_totals(round_queryset(user=user).filter(month=month))

    totals = scoped_cache("needs_month", user, today, [NeedsRound, NeedsEntry], compute)
    url = f"{reverse('services:needs:round_list')}?month={month:%Y-%m}"
    parts = (
        Part(_("Mobile members to ask"), totals.members),
        Part(_("Not reached"), totals.unreachable),
        Part(_("With needs"), totals.needs),
    )
    return Figure(_("Asked this month (needs collection)"), totals.asked, url, parts=parts)


@chart("cases_categories", order=40)
def cases_by_category(user, today: datetime.date) -> ChartData:
    """Requests filed in the last year per category, with the mean days to resolve them."""
    since = timezone.now() - datetime.timedelta(days=CHART_DAYS)

    def compute() -> list[tuple[str, int, float | None]]:
        taken = ExpressionWrapper(F("resolved_at") - F("filed_at"), output_field=DurationField())
        rows = (
            case_queryset(user=user)
            .order_by()
            .select_related(None)
            .filter(filed_at__gte=since)
            .values("category")
            .annotate(n=Count("*"), mean=Avg(taken, filter=Q(resolved_at__isnull=False)))
            .values_list("category", "n", "mean")
        )
        return [(c, n, mean.total_seconds() / 86400 if mean else None) for c, n, mean in rows]

    rows = scoped_cache("cases_categories", user, today, [ServiceCase], compute)
    labels = dict(ServiceCase.Category.choices)
    return ChartData(
        _("Service requests of the last year by category"),
        BARS,
        rows=tuple(
            Row(str(labels.get(c, c)), n, _mean_days(mean))
            for c, n, mean in sorted(rows, key=lambda r: (-r[1], r[0]))
        ),
        headers=(_("Category"), _("Requests"), _("Mean time to resolve")),
    )


def _mean_days(mean: float | None) -> str:
    if mean is None:
        return _("none resolved yet")
    return _("%(days)s days") % {"days": f"{mean:.1f}"}
