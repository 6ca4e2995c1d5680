"""Every write of the monthly needs collection: opening a month's rounds, filling a row, turning
a row's needs into a case. Rounds keep their counts; each action that changes a row changes
them in the same transaction, so the district's summary reads one row per branch."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.organizations.models import Organization, User
from members.scoping import can_write, ensure_can_write, subtree_q
from members.workflow import lock
from services.cases.actions import case_file
from services.cases.models import CATEGORY_LIMITS, ServiceCase
from services.needs.models import NeedsEntry, NeedsRound
from services.workdays import is_working_day

OUTCOME = NeedsEntry.Outcome
REACHED = (OUTCOME.NO_NEEDS, OUTCOME.NEEDS)
# The collection is due by the 25th: a branch has the month's last week to turn needs into
# cases. When the 25th is a rest day it is due on the working day before.
DUE_DAY = 25
TITLE_LENGTH = 30


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def due_on_for(month: datetime.date) -> datetime.date:
    """The last working day on or before the month's 25th."""
    day = month.replace(day=DUE_DAY)
    while not is_working_day(day) and day.day > 1:
        day -= datetime.timedelta(days=1)
    return day


@transaction.atomic
def needs_rounds_open(
    *, actor: User | None, organization: Organization, month: datetime.date
) -> dict[str, int]:
    """Open the month's collection for the organisation's subtree: one round per organisation
    that manages mobile members (outflow members at home, members it has taken in), one row
    per such member. Opening again adds only the rounds and rows missing. ``actor`` None:
    the system (the demo, the bench). Return how many rounds and rows were new."""
    if actor is not None:
        ensure_can_write(actor, organization)
    month = month_start(month)
    rounds = _insert_select(NeedsRound, _missing_rounds(organization, month, actor))
    entries = sum(
        _insert_select(NeedsEntry, rows) for rows in _missing_entries(organization, month)
    )
    if rounds or entries:
        _recount_members(organization, month)
    return {"rounds": rounds, "entries": entries}


def _outflow(organization_ref) -> QuerySet[Member]:
    return Member.objects.filter(organization=organization_ref, status=Member.Status.MOBILE)


def _hosted(path_ref) -> QuerySet[Member]:
    return Member.objects.filter(host_path=path_ref, status__in=Member.CURRENT_STATUSES)


def _missing_rounds(organization: Organization, month: datetime.date, actor) -> QuerySet:
    managing = Exists(_outflow(OuterRef("pk"))) | Exists(_hosted(OuterRef("path")))
    organizations = Organization.objects.filter(subtree_q([organization.path])).filter(managing)
    return _columns(
        organizations,
        organization_id=F("pk"),
        path=F("path"),
        month=Value(month),
        due_on=Value(due_on_for(month)),
        # Typed: PostgreSQL reads a bare NULL in a subquery's select list as text.
        opened_by_id=Cast(Value(actor.pk if actor else None), output_field=BigIntegerField()),
        opened_at=Value(timezone.now()),
        **dict.fromkeys(COUNTERS, Value(0)),
    )


def _columns(rows: QuerySet, **columns) -> QuerySet:
    """Select only ``columns`` (model field → expression), named ``c_<field>``."""
    named = {f"c_{name}": expression for name, expression in columns.items()}
    return rows.order_by().annotate(**named).values(*named)


COUNTERS = ("members_count", "asked_count", "unreachable_count", "needs_count", "cases_count")


def _missing_entries(organization: Organization, month: datetime.date) -> list[QuerySet]:
    """Outflow members join their home organisation's round, taken-in members their host's.

    Each member's round is found by (month, path) equalities: the month's rounds were written a
    moment ago, so the statistics do not know the month yet, and a lookup by organisation alone
    let the planner take the (month, path) index with the month only — every round of the
    month read for each member (measured: over 12 minutes for the province, see
    bench/README.md). With both equalities, either index finds the one round.
    """
    in_month = NeedsRound.objects.filter(month=month)
    outflow = Member.objects.filter(
        subtree_q([organization.path], "home_path"), status=Member.Status.MOBILE
    ).annotate(
        round_id=Subquery(
            in_month.filter(
                organization=OuterRef("organization"), path=OuterRef("home_path")
            ).values("pk")
        )
    )
    hosted = Member.objects.filter(
        subtree_q([organization.path], "host_path"), status__in=Member.CURRENT_STATUSES
    ).annotate(round_id=Subquery(in_month.filter(path=OuterRef("host_path")).values("pk")[:1]))
    blank = dict.fromkeys(("outcome", "method", "needs", "category"), Value(""))
    return [
        _columns(
            rows.filter(round_id__isnull=False),
            round_id=F("round_id"),
            member_id=F("pk"),
            path=F(path),
            **blank,
        )
        for rows, path in ((outflow, "home_path"), (hosted, "host_path"))
    ]


def _insert_select(model, rows: QuerySet) -> int:
    """``INSERT … SELECT`` the annotated columns of ``rows`` (named as the model's columns);
    rows the model's unique constraints already hold are kept (``ON CONFLICT DO NOTHING``,
    PostgreSQL and SQLite alike; SQLite needs the ``WHERE`` to parse it)."""
    names = list(rows.query.annotation_select)
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name[2:]).column) for name in names)
    chosen = ", ".join(f"chosen.{quote(name)}" for name in names)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
        f"SELECT {chosen} FROM ({select}) AS chosen WHERE true ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _recount_members(organization: Organization, month: datetime.date) -> None:
    """Rows are only ever added by opening, so the member count is their number."""
    count = (
        NeedsEntry.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    NeedsRound.objects.filter(subtree_q([organization.path], "path"), month=month).update(
        members_count=Coalesce(Subquery(count), 0)
    )


def entry_can_write(user: User, entry: NeedsEntry) -> bool:
    """The one rule for filling a row: the round's organisation and those above it."""
    return can_write(user, entry)


def _locked(actor: User, entry: NeedsEntry) -> NeedsEntry:
    entry = lock(entry, "round__organization", "member")
    if not entry_can_write(actor, entry):
        raise PermissionDenied(_("Only the round's organisation may fill this row."))
    return entry


@transaction.atomic
def needs_entry_fill(
    *,
    actor: User,
    entry: NeedsEntry,
    outcome: str,
    method: str = "",
    needs: str = "",
    category: str = "",
) -> NeedsEntry:
    """Record what came of asking the member. The row is locked while the round's counts move
    by the difference between its old and new outcome (``F()`` updates), so two secretaries
    saving rows of one round at once keep the counts exact."""
    entry = _locked(actor, entry)
    needs = " ".join(needs.split())
    _check_fill(entry, outcome, method, needs, category)
    if outcome != OUTCOME.NEEDS:
        needs = category = ""
    old = entry.outcome
    entry.outcome, entry.method, entry.needs, entry.category = outcome, method, needs, category
    entry.filled_by, entry.filled_at = actor, timezone.now()
    entry.save(update_fields=["outcome", "method", "needs", "category", "filled_by", "filled_at"])
    _count(entry.round_id, old, outcome)
    return entry


def _check_fill(entry: NeedsEntry, outcome, method, needs, category) -> None:
    errors = {}
    if outcome not in REACHED and outcome != OUTCOME.UNREACHABLE:
        errors["outcome"] = _("Choose what came of asking.")
    if method and method not in NeedsEntry.Method.values:
        errors["method"] = _("Choose how the member was asked.")
    elif outcome in REACHED and not method:
        errors["method"] = _("Say how the member was reached.")
    if outcome == OUTCOME.NEEDS:
        if not needs:
            errors["needs"] = _("Write down what the member needs.")
        elif len(needs) > NeedsEntry._meta.get_field("needs").max_length:
            errors["needs"] = _("At most 500 characters.")
        if category not in CATEGORY_LIMITS:
            errors["category"] = _("Choose the category of the needs.")
    changed = (outcome, needs, category) != (entry.outcome, entry.needs, entry.category)
    if not errors and entry.case_id and changed:
        errors["outcome"] = _("These needs are already a request; follow them there.")
    if errors:
        raise ValidationError(errors)


def _count(round_id: int, old: str, new: str) -> None:
    delta = {
        "asked_count": bool(new) - bool(old),
        "unreachable_count": (new == OUTCOME.UNREACHABLE) - (old == OUTCOME.UNREACHABLE),
        "needs_count": (new == OUTCOME.NEEDS) - (old == OUTCOME.NEEDS),
    }
    changes = {name: F(name) + step for name, step in delta.items() if step}
    if changes:
        NeedsRound.objects.filter(pk=round_id).update(**changes)


@transaction.atomic
def needs_entry_to_case(*, actor: User, entry: NeedsEntry) -> ServiceCase:
    """File the row's needs as a case handled by the round's organisation, for the member, in
    the row's category: nothing typed twice. A row already turned into a case gives that case."""
    entry = _locked(actor, entry)
    if entry.case_id:
        return entry.case
    if entry.outcome != OUTCOME.NEEDS:
        raise ValidationError({"outcome": _("Only a row with needs becomes a request.")})
    case = case_file(
        actor=actor,
        organization=entry.round.organization,
        members=[entry.member],
        category=entry.category,
        title=_case_title(entry.needs),
        description=entry.needs,
        channel=ServiceCase.Channel.NEEDS_ROUND,
    )
    entry.case = case
    entry.save(update_fields=["case"])
    NeedsRound.objects.filter(pk=entry.round_id).update(cases_count=F("cases_count") + 1)
    return case


def _case_title(needs: str) -> str:
    return needs if len(needs) <= TITLE_LENGTH else needs[: TITLE_LENGTH - 1] + "…"
