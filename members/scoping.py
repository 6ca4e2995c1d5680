"""The one way to scope: what a user may read or write, as subtrees of the organisation tree.

A user's assignments name organisations; each grants its role on the organisation and
everything below it. ``scope_paths`` turns them into materialised-path prefixes, and every
scoped model's queryset filters through them with ``visible_to(user, for_write=...)``: one
indexed prefix condition per subtree, never a walk in Python. ``can_write`` answers "may this
user change this object?" from that same queryset, for pages, API, admin and actions alike.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Role(models.TextChoices):
    SECRETARY = "secretary", gettext_lazy("Secretary")
    OFFICER = "officer", gettext_lazy("Organisation officer")
    VIEWER = "viewer", gettext_lazy("Viewer")


WRITE_ROLES = (Role.SECRETARY, Role.OFFICER)


def subtree_q(paths, field: str = "path") -> Q:
    """Match every node under any of ``paths``: one indexed prefix condition per path."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def topmost(paths) -> list[str]:
    """The paths not already inside a shorter one of them, sorted."""
    paths = sorted(paths)
    return [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]


def scope_paths(user, *, for_write: bool = False) -> list[str] | None:
    """Return the tree paths the user may read (or write); ``None`` means everything."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    # Cached on the user object: a request asks both questions, several times each, and one
    # query over the user's few assignments answers both.
    cache = user.__dict__.setdefault("_sanlian_scope_paths", {})
    if for_write not in cache:
        roles = list(user.assignments.values_list("organization__path", "role"))
        cache[False] = topmost(path for path, _role in roles)
        cache[True] = topmost(path for path, role in roles if role in WRITE_ROLES)
    return cache[for_write]


def within(path: str, paths: list[str] | None) -> bool:
    """Whether ``path`` lies in one of the subtrees (``None``: everywhere)."""
    return paths is None or any(path.startswith(prefix) for prefix in paths)


def organizations_in(paths):
    """The organisations of the subtrees, as a subquery other conditions can use."""
    organization = apps.get_model("members", "Organization")
    return organization.objects.filter(subtree_q(paths))


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to subtrees; subclasses say how in ``scope_condition``."""

    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        raise NotImplementedError

    def visible_to(self, user, *, for_write: bool = False):
        """Rows the user may read (or, ``for_write``, change): the one scoping path."""
        paths = scope_paths(user, for_write=for_write)
        if paths is None:
            return self
        return self.filter(self.scope_condition(paths, for_write=for_write))


def can_write(user, obj) -> bool:
    """May the user change this object? Read from the model's own ``visible_to``.

    A page asks this several times about the same object (the member file's panels each ask
    about the member), so the answer is remembered on the object for the user until the object
    is saved again (``_forget_answers``); actions re-read what they change under a lock, so they
    always ask afresh.
    """
    answers = obj.__dict__.setdefault(_ANSWERS, {})
    key = (user.pk, user.is_superuser)
    if key not in answers:
        manager = type(obj)._default_manager
        answers[key] = manager.visible_to(user, for_write=True).filter(pk=obj.pk).exists()
    return answers[key]


_ANSWERS = "_sanlian_can_write"


@receiver(pre_save)
def _forget_answers(sender, instance, **kwargs) -> None:
    """A saved object may have moved to another subtree: ask again next time."""
    instance.__dict__.pop(_ANSWERS, None)


def ensure_can_write(user, obj) -> None:
    """Raise ``PermissionDenied`` unless ``can_write(user, obj)``."""
    if not can_write(user, obj):
        raise PermissionDenied(_("You may not change %(object)s.") % {"object": obj})


def has_write_role(user) -> bool:
    """Whether the user may write anywhere at all (a secretary or officer somewhere)."""
    return scope_paths(user, for_write=True) != []


def has_role(user) -> bool:
    """Whether the user reads some subtree (any role, or the superuser)."""
    return scope_paths(user) != []


class ScopePathField(models.CharField):
    """A copy of an organisation's materialised path kept on a row for scoping: a prefix
    condition on it is one index scan, where the organisation itself is a join away.

    The action that changes the row keeps it; after a member or a subtree moves,
    ``scope_paths_repair`` recomputes the copies from the organisations (the truth).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)


_PATH_REPAIRS: list[Callable[..., int]] = []


def scope_paths_repairer(repair: Callable[..., int]) -> Callable[..., int]:
    """Register a model's repair of its ``ScopePathField``s (called with ``member_ids`` or
    ``prefix``: the old path of a moved subtree; neither: every row)."""
    _PATH_REPAIRS.append(repair)
    return repair


def scope_paths_repair(*, member_ids=None, prefix: str | None = None) -> int:
    """Recompute the stored scope paths of the rows concerned; return how many were written."""
    return sum(repair(member_ids=member_ids, prefix=prefix) for repair in _PATH_REPAIRS)
