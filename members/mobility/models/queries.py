"""How mobile records are scoped: by the paths stored on each record.

``home_path`` is the path of the organisation holding the member's file (the home side);
``host_path`` the path of the organisation hosting the member now (the receiving branch once
taken in, the inflow organisation while the registration waits), empty otherwise. The actions
keep both; "visible to this user" is then two indexed prefix conditions (a union of index
scans), never an OR across joins.
"""

from django.db.models import Q

from members.scoping import ScopedQuerySet, subtree_q


class MobileRecordQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """The home side's records (drafts too) and the records hosted in the subtrees."""
        return subtree_q(paths, "home_path") | self.hosted_condition(paths)

    def hosted_condition(self, paths: list[str] | None) -> Q:
        """Hosted by an organisation of the subtrees (``None``: by any organisation)."""
        if paths is None:
            return ~Q(host_path="")
        return subtree_q(paths, "host_path")

    def hosted_in(self, paths: list[str] | None):
        """The one answer to "which mobile members does this organisation host?"."""
        return self.filter(self.hosted_condition(paths))

    def outflow_side_in(self, paths: list[str] | None):
        """Records the subtrees handle as the outflow (home) side."""
        records = self.filter(outflow_organization__isnull=False)
        return records if paths is None else records.filter(subtree_q(paths, "home_path"))
