"""Pages of the organisation tree: the user's subtrees, one organisation, and the lookup by
name behind the organisation picker."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from members.api_fields import query_id
from members.organizations.models import Organization
from members.organizations.selectors import (
    ancestor_paths,
    organization_get,
    organization_queryset,
    organization_search,
    scope_top_depth,
)
from members.scoping import can_write, scope_paths
from members.web import get_or_404

TREE_LEVELS = 4  # levels the tree page opens at once; deeper ones via ?root=
LOOKUP_MIN_LENGTH = 2
# Per user: typing with the picker's pause asks a few times a name; a script copying the
# whole tree asks far more often.
LOOKUP_RATE = "60/m"


@login_required
def organization_tree(request):
    """The user's subtree(s) as nested, collapsible lists; ``?root=`` starts lower down."""
    visible = organization_queryset(user=request.user)
    root = None
    root_pk = query_id(request.GET.get("root", ""))
    if root_pk is not None:
        root = get_or_404(organization_get, user=request.user, pk=root_pk)
        visible = visible.filter(path__startswith=root.path)
    nodes = list(visible.filter(depth__lt=_tree_floor(request, root)))
    return render(
        request,
        "members/organizations/organization_tree.html",
        {"roots": _nest(nodes), "root": root},
    )


def _tree_floor(request, root: Organization | None) -> int:
    """Show at most ``TREE_LEVELS`` levels; deeper nodes are one click away (``?root=``)."""
    if root is not None:
        return root.depth + TREE_LEVELS
    return scope_top_depth(request.user) + TREE_LEVELS


def _nest(nodes: list[Organization]) -> list[dict]:
    """Turn a path-ordered list into a forest of ``{"node", "children", "open"}`` dicts."""
    forest, by_path = [], {}
    for node in nodes:
        parent = by_path.get(node.path[: -Organization.steplen])
        level = parent["level"] + 1 if parent else 0
        # The top two levels start unfolded; below that the reader opens what they need.
        entry = {"node": node, "children": [], "level": level, "open": level < 2}
        by_path[node.path] = entry
        (parent["children"] if parent else forest).append(entry)
    return forest


@login_required
def organization_detail(request, pk):
    organization = get_or_404(organization_get, user=request.user, pk=pk)
    visible = organization_queryset(user=request.user)
    context = {
        "organization": organization,
        "ancestors": visible.filter(path__in=ancestor_paths(organization.path)),
        "children": visible.filter(
            path__startswith=organization.path, depth=organization.depth + 1
        ),
        "can_write": can_write(request.user, organization),
    }
    return render(request, "members/organizations/organization_detail.html", context)


@login_required
@require_GET
def organization_lookup(request):
    """Up to 20 organisations of the whole tree whose name contains ``?q=``, as JSON."""
    if scope_paths(request.user) == []:
        raise PermissionDenied  # signed in but given no role anywhere
    if is_ratelimited(
        request, group="organizations:lookup", key="user", rate=LOOKUP_RATE, increment=True
    ):
        message = _("Too many searches; wait a moment and try again.")
        return JsonResponse({"error": message}, status=429)
    text = request.GET.get("q", "").strip()
    if len(text) < LOOKUP_MIN_LENGTH:
        message = _("Type at least %(count)d characters.") % {"count": LOOKUP_MIN_LENGTH}
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"results": organization_search(text=text)})
