"""The education chain's figure and chart on the home dashboard (members.overview.registry):
parcels not yet received, and this year's study hours as a histogram of members by band —
never a ranking of members (study is recorded, never ranked). Loaded at start by
``members.apps``."""

import datetime
import itertools

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from education.hours.models import StudyCredit
from education.packages.models import Dispatch, Shipment
from members.overview.registry import (
    EDUCATION,
    HISTOGRAM,
    ChartData,
    Figure,
    Part,
    Row,
    chart,
    figure,
    scoped_cache,
    watch,
)

# Hours bands up to the yearly 32 hours (党员教育管理工作条例 art. 20) and beyond.
BANDS = (0, 8, 16, 24, 32)

watch(Shipment, Dispatch, StudyCredit)


@figure("shipments", order=210, chain=EDUCATION)
def shipments_not_received(user, today: datetime.date) -> Figure:
    """Parcels sent or delivered but not yet confirmed received, in the dispatches the user
    reads (the dispatch list's progress column sums to the same)."""

    def compute() -> dict[str, int]:
        dispatches = Dispatch.objects.visible_to(user).order_by().values("pk")
        on_the_way = Shipment.objects.filter(
            dispatch__in=dispatches,
            status__in=[Shipment.Status.SENT, Shipment.Status.DELIVERED],
        )
        rows = on_the_way.order_by().values("status").annotate(n=Count("*"))
        return {row["status"]: row["n"] for row in rows}

    counts = scoped_cache("shipments", user, today, [Shipment, Dispatch], compute)
    parts = (
        Part(_("On the road"), counts.get(Shipment.Status.SENT, 0)),
        Part(_("Delivered, not yet confirmed"), counts.get(Shipment.Status.DELIVERED, 0)),
    )
    return Figure(
        _("Study packages not yet received"),
        sum(counts.values()),
        reverse("education:packages:dispatch_list"),
        parts=parts,
    )


@chart("hours", order=50)
def hours_histogram(user, today: datetime.date) -> ChartData:
    """Members with study recorded this year, by band of hours (one grouped query)."""

    def compute() -> list[int]:
        totals = (
            StudyCredit.objects.visible_to(user)
            .filter(year=today.year)
            .order_by()
            .values("member_id")
            .annotate(total=Sum("hours"))
            .values("total")
        )
        return _band_counts(totals)

    counts = scoped_cache("hours", user, today, [StudyCredit], compute)
    return ChartData(
        _("Study hours this year: members by band"),
        HISTOGRAM,
        rows=tuple(Row(label, n) for label, n in zip(band_labels(), counts, strict=True)),
        headers=(_("Study hours"), _("Members")),
    )


def band_labels() -> list[str]:
    labels = [f"{low}–{high}" for low, high in itertools.pairwise(BANDS)]
    return [*labels, _("%(hours)s or more") % {"hours": BANDS[-1]}]


def band_of(hours) -> int:
    """The band's index of a member's total (the lower bound is in the band)."""
    return sum(1 for low in BANDS[1:] if hours >= low)


def _band_counts(totals) -> list[int]:
    """Count members per band in the database: one ``GROUP BY`` over the per-member sums."""
    try:
        sql, params = totals.query.sql_with_params()
    except EmptyResultSet:  # a scope of nothing
        return [0] * len(BANDS)
    band = " + ".join(f"CASE WHEN t.total >= {low} THEN 1 ELSE 0 END" for low in BANDS[1:])
    query = f"SELECT {band} AS band, COUNT(*) FROM ({sql}) t GROUP BY 1"
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        found = dict(cursor.fetchall())
    return [found.get(index, 0) for index in range(len(BANDS))]
