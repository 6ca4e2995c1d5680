"""How education's rows are scoped: the one rule, written once for all its topics.

Things an organisation owns (a plan, a package dispatch, a lesson, a class) are written by the
owning subtree and read also by the subtrees whose members they reach (a city-wide class is
visible to the village branch whose member was invited). Rows about one member (a shipment, a
delivered lesson, an invitation) follow the member: home file or hosting organisation.
"""

from django.db.models import Q

from education.reach import reached_ids
from members.files.models import managed_members_condition
from members.organizations.models import Organization
from members.scoping import ScopedQuerySet, organizations_in


class OwnedQuerySet(ScopedQuerySet):
    """Owned by ``organization``; also readable where it reaches members (education/reach.py).

    Subclasses that reach members name their per-member relation in ``reach`` (e.g.
    "deliveries"); the actions adding members record where they are in ``Reach``.
    """

    reach: str = ""

    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        owned = Q(organization__in=organizations_in(paths))
        if for_write or not self.reach:
            return owned
        # One IN over a UNION of two index scans: an OR of the two would scan every row.
        held = self.model.objects.filter(owned).order_by().values("pk")
        reached = reached_ids(self.model._meta.model_name, paths)
        return Q(pk__in=held.union(reached))


class SharedDownQuerySet(ScopedQuerySet):
    """Owned by ``organization`` and shared down the tree: readings, templates and packages a
    town lists are usable by its villages, so readers also see those of the organisations
    above their own; only the owning subtree changes them."""

    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        owned = Q(organization__in=organizations_in(paths))
        if for_write:
            return owned
        return owned | Q(organization__path__in=_ancestor_paths(paths))


def _ancestor_paths(paths: list[str]) -> list[str]:
    step = Organization.steplen
    return sorted({p[:end] for p in paths for end in range(step, len(p), step)})


class PerMemberQuerySet(ScopedQuerySet):
    """Rows about one member: read and written by the member's home and hosting subtrees."""

    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        return managed_members_condition(paths)
