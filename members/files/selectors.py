"""Scoped reads of member files; every member page, API list and export starts here."""

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files import crypto
from members.files.birthdays import birthdays_for
from members.files.models import Member, add_years
from members.organizations.models import Organization, User
from members.scoping import subtree_q
from members.validators import normalize_id_number

AGE_BANDS = {
    "under30": (None, 30),
    "30to45": (30, 46),
    "46to60": (46, 61),
    "over60": (61, None),
}
ID_LIKE_RE = re.compile(r"^\d{17}[\dXx]$")
INITIALS_RE = re.compile(r"^[A-Za-z]+$")


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    organization: Organization | None = None
    status: str = ""
    category: str = ""
    gender: str = ""
    age_band: str = ""


def member_queryset(*, user: User, for_write: bool = False) -> QuerySet[Member]:
    return Member.objects.visible_to(user, for_write=for_write).select_related("organization")


def member_search(*, user: User, filters: MemberFilters) -> QuerySet[Member]:
    """Members in the user's scope matching the filters; every condition is index-backed."""
    members = member_queryset(user=user)
    if filters.q:
        members = members.filter(_search_condition(filters.q.strip()))
    if filters.organization is not None:
        members = members.filter(
            organization__in=Organization.objects.filter(subtree_q([filters.organization.path]))
        )
    for field in ("status", "category", "gender"):
        if value := getattr(filters, field):
            members = members.filter(**{field: value})
    if filters.age_band in AGE_BANDS:
        members = members.filter(_age_condition(*AGE_BANDS[filters.age_band]))
    return members


def _search_condition(q: str) -> Q:
    """Exact ID number (by keyed hash), pinyin initials prefix, or a name fragment."""
    if ID_LIKE_RE.match(q):
        return Q(id_number_hash=crypto.keyed_hash(normalize_id_number(q)))
    if INITIALS_RE.match(q):
        return Q(name_initials__startswith=q.lower())
    if len(q) == 1:
        # One character is a surname; a trigram index cannot serve it, the prefix index can.
        return Q(name__startswith=q)
    if len(q) == 2 and connection.vendor == "postgresql":
        # Nor two characters: the bigram index of migration 0004 does.
        column = f'"{Member._meta.db_table}"."name"'
        sql = f"sanlian_bigrams({column}) @> ARRAY[%s]"
        return Q(RawSQL(sql, [q], output_field=BooleanField()))
    return Q(name__contains=q)


def _age_condition(min_age: int | None, max_age: int | None) -> Q:
    today = timezone.localdate()
    condition = Q()
    if min_age is not None:
        condition &= Q(birth_date__lte=add_years(today, -min_age))
    if max_age is not None:
        condition &= Q(birth_date__gt=add_years(today, -max_age))
    return condition


def member_get(*, user: User, pk: int, for_write: bool = False) -> Member:
    """One member in scope, or ``Member.DoesNotExist`` (views turn it into a 404); with the
    home organisation outside the tree that the file names."""
    members = member_queryset(user=user, for_write=for_write).select_related("home_external")
    return members.get(pk=pk)


# --- History ------------------------------------------------------------------------------

HISTORY_LIMIT = 50


def member_history(*, user: User, member: Member, limit: int = HISTORY_LIMIT) -> list[dict]:
    """Newest first: who changed what, when, old → new. Organisations are named only when the
    user may see them; two queries whatever the length."""
    rows = list(member.history.select_related("history_user")[: limit + 1])
    # Each version with the one before it; the oldest with none (and no versions, no pairs).
    pairs = list(zip(rows, [*rows[1:], None], strict=False))[:limit]
    diffs = [(newer, _changes(newer, older)) for newer, older in pairs]
    names = _organization_names(user, diffs)
    return [
        {"record": newer, "changes": [_shown(change, names) for change in changes]}
        for newer, changes in diffs
    ]


def _changes(newer, older) -> list[tuple[str, object, object]]:
    """(field, old, new) of each change; derived fields that ``diff_against`` skips too."""
    if older is None:
        return []
    changes = [(c.field, c.old, c.new) for c in newer.diff_against(older).changes]
    if newer.id_number_hash != older.id_number_hash:
        changes.append(("id_number_masked", older.id_number_masked, newer.id_number_masked))
    if newer.status != older.status:
        changes.append(("status", older.status, newer.status))
    return changes


def _organization_names(user: User, diffs) -> dict[int, str]:
    ids = {
        value
        for _newer, changes in diffs
        for field, old, new in changes
        if field == "organization"
        for value in (old, new)
        if value is not None
    }
    if not ids:
        return {}
    visible = Organization.objects.visible_to(user).filter(pk__in=ids)
    return dict(visible.values_list("pk", "name"))


def _shown(change: tuple, organization_names: dict[int, str]) -> dict:
    name, old, new = change
    field = Member._meta.get_field(name)
    labels = dict(field.choices or [])

    def show(value):
        if isinstance(value, list):
            return "、".join(map(str, value))
        if name == "organization" and value is not None:
            return organization_names.get(value, _("an organisation outside your scope"))
        if field.is_relation and value is not None:
            related = field.related_model.objects.filter(pk=value).first()
            return str(related) if related else value
        return labels.get(value, value)

    return {"label": field.verbose_name, "old": show(old), "new": show(new)}


def political_birthdays(*, user: User, day: datetime.date, days: int = 7, limit: int = 50) -> list:
    """Members in the user's scope celebrating from ``day`` for ``days`` days, soonest first
    (up to ``limit`` + 1: see ``birthdays.birthdays_for``, which the home page lists)."""
    return birthdays_for(user=user, day=day, days=days, limit=limit)


def members_by_id_hash(*, user: User, id_hashes, for_write: bool = True) -> dict[str, Member]:
    """The files the user may write (or read) among these ID numbers' keyed hashes, by hash:
    one query for a whole batch (an import's chunk)."""
    found = member_queryset(user=user, for_write=for_write).filter(id_number_hash__in=id_hashes)
    return {member.id_number_hash: member for member in found}


def id_hashes_taken(id_hashes) -> set[str]:
    """Which of these keyed hashes a file anywhere already has; nothing else of those files."""
    return set(
        Member.objects.filter(id_number_hash__in=id_hashes).values_list("id_number_hash", flat=True)
    )


def id_number_key(number: str) -> str:
    """The keyed hash a file is found by, for a normalised, valid ID number."""
    return crypto.keyed_hash(number)
