"""Scoped reads of the organisation tree, and who acts for an organisation."""

from django.db.models import QuerySet
from django.db.models.functions import Length

from members.organizations import roles
from members.organizations.models import Assignment, Organization, User
from members.scoping import WRITE_ROLES, scope_paths


def organization_queryset(*, user: User, for_write: bool = False) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user, for_write=for_write)


def organization_get(*, user: User, pk: int, for_write: bool = False) -> Organization:
    """One organisation in scope, or ``Organization.DoesNotExist``."""
    return organization_queryset(user=user, for_write=for_write).get(pk=pk)


def scope_top_depth(user: User) -> int:
    """Depth of the highest organisation the user sees (1 = a root)."""
    paths = scope_paths(user)
    return min(len(p) for p in paths) // Organization.steplen if paths else 1


def ancestor_paths(path: str) -> list[str]:
    """The paths of a node's ancestors, root first (the node itself excluded)."""
    steplen = Organization.steplen
    return [path[:end] for end in range(steplen, len(path), steplen)]


LOOKUP_LIMIT = 20


def organization_search(*, text: str, limit: int = LOOKUP_LIMIT) -> list[dict]:
    """Organisations anywhere in the tree whose name contains ``text``, shortest names first.

    Deliberately not scoped to a user: a member leaves for an organisation anywhere in the
    province, usually outside the secretary's subtree, and organisation names are not
    personal data. Two queries whatever the tree's size.
    """
    found = (
        Organization.objects.filter(name__icontains=text)
        .order_by(Length("name"), "path")
        .only("id", "name", "path")
    )
    return organization_labels(list(found[:limit]))


def organization_labels(organizations: list[Organization]) -> list[dict]:
    """``{"id", "name", "path_names"}`` for each organisation, its ancestors read in one query.

    ``path_names`` names the ancestors below the root, so two 党支部 of one name differ.
    """
    below_root = {o.pk: ancestor_paths(o.path)[1:] for o in organizations}
    wanted = {path for paths in below_root.values() for path in paths}
    names = dict(Organization.objects.filter(path__in=wanted).values_list("path", "name"))
    return [
        {
            "id": o.pk,
            "name": o.name,
            "path_names": " / ".join(names[p] for p in below_root[o.pk] if p in names),
        }
        for o in organizations
    ]


class HandlerBook:
    """Users who act for an organisation: the write roles on it, else on its nearest ancestor.

    Loads each organisation's answer once (one query), so a scan over many records asks the
    database once per organisation, not once per ancestor per record.
    """

    def __init__(self):
        self.by_path: dict[str, list[User]] = {}

    def handlers(self, organization: Organization | None) -> list[User]:
        if organization is None:
            return []
        if organization.path not in self.by_path:
            self.by_path[organization.path] = _nearest_handlers(organization.path)
        return self.by_path[organization.path]


def organization_handlers(organization: Organization | None) -> list[User]:
    return HandlerBook().handlers(organization)


def _nearest_handlers(path: str) -> list[User]:
    paths = [*ancestor_paths(path), path]
    rows = Assignment.objects.filter(
        organization__path__in=paths, role__in=WRITE_ROLES, user__is_active=True
    ).values_list("organization__path", "user_id")
    by_path: dict[str, list[int]] = {}
    for found_path, user_id in rows:
        by_path.setdefault(found_path, []).append(user_id)
    nearest = next((p for p in reversed(paths) if p in by_path), None)
    if nearest is None:
        return []
    return list(User.objects.filter(pk__in=by_path[nearest]).order_by("pk"))


def user_queryset(*, user: User) -> QuerySet[User]:
    """The accounts the user sees: every one for the account managers, else their subtrees'."""
    if roles.may_see_all_users(user):
        return User.objects.all()
    return User.objects.visible_to(user)


def assignment_queryset(*, user: User) -> QuerySet[Assignment]:
    """Roles on organisations: every one for the security administrator, else the subtrees'."""
    if roles.may_grant_roles(user):
        return Assignment.objects.all()
    return Assignment.objects.visible_to(user)


def grantable_users(*, actor: User) -> QuerySet[User]:
    """Who may be given a role on an organisation by ``actor``: not themselves, and no
    administrator (administrators belong to no subtree)."""
    if not roles.may_grant_roles(actor):
        return User.objects.none()
    return User.objects.filter(is_superuser=False, admin_role="").exclude(pk=actor.pk)
