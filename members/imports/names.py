"""Organisations named in an import file: found by name, a batch of names at a time.

A name may be shared (every village has its 第一党支部): the cell then names the one above
too, as ``上级名称/名称``. Unknown and ambiguous names are errors that say so.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from members.imports.cells import CellError
from members.organizations.models import Organization

SEPARATOR = "/"


class OrganizationNames:
    """Find organisations of ``queryset`` by the text of a cell; remembers what it read."""

    def __init__(self, queryset: QuerySet, *, where: str):
        self.queryset, self.where = queryset, where
        self.by_name: dict[str, list[Organization]] = {}

    def load(self, texts) -> None:
        """Read the organisations of these cells' names not read yet, in one query."""
        names = {_parts(text)[-1] for text in texts if text} - self.by_name.keys()
        if not names:
            return
        for name in names:
            self.by_name[name] = []
        found = list(
            self.queryset.filter(name__in=names).only("id", "name", "path", "depth", "region_code")
        )
        parents = dict(
            Organization.objects.filter(path__in={_parent_path(o) for o in found}).values_list(
                "path", "name"
            )
        )
        for organization in found:
            organization.parent_name = parents.get(_parent_path(organization), "")
            self.by_name[organization.name].append(organization)

    def find(self, text: str) -> Organization:
        """The one organisation the cell names, or ``CellError`` saying why not."""
        parts = _parts(text)
        candidates = self.by_name.get(parts[-1], [])
        if len(parts) > 1:
            parent = parts[-2]
            candidates = [o for o in candidates if o.parent_name == parent]
        if not candidates:
            raise CellError(
                _("No Party organisation named “%(name)s” %(where)s.")
                % {"name": text, "where": self.where}
            )
        if len(candidates) > 1:
            parents = "、".join(
                f"{o.parent_name}{SEPARATOR}{o.name}" for o in candidates[:3] if o.parent_name
            )
            raise CellError(
                _("%(count)d organisations are named “%(name)s”; say which one, e.g. %(parents)s.")
                % {"count": len(candidates), "name": text, "parents": parents}
            )
        return candidates[0]


def _parent_path(organization: Organization) -> str:
    return organization.path[: -Organization.steplen]


def _parts(text: str) -> list[str]:
    return [part.strip() for part in text.replace("／", SEPARATOR).split(SEPARATOR)]
