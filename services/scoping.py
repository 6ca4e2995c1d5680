"""How the service chain's rows are scoped, for the topics that share a rule.

Cases have their own rule (``services/cases/models.py``: handling organisation ∪ the members'
home branches). The others are either about one member (a care record, a subsidy, a visit on a
holiday campaign's list: read and written by the member's home and hosting subtrees), or owned
by an organisation whose path is kept on the row (a needs-collection round and its rows, a
campaign): one indexed prefix condition each.
"""

from django.db.models import Q

from members.files.models import managed_members_condition
from members.scoping import ScopedQuerySet, subtree_q


class PerMemberQuerySet(ScopedQuerySet):
    """Rows about one member: read and written by the member's home and hosting subtrees."""

    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        return managed_members_condition(paths)


class PathOwnedQuerySet(ScopedQuerySet):
    """Rows owned by the organisation whose path the row keeps in ``path``."""

    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        return subtree_q(paths, "path")
