"""Pages of the organisation tree: the user's subtrees and one organisation."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from members.organizations.models import Organization
from members.organizations.selectors import (
    ancestor_paths,
    organization_get,
    organization_queryset,
    scope_top_depth,
)
from members.scoping import can_write
from members.web import get_or_404

TREE_LEVELS = 4  # levels the tree page opens at once; deeper ones via ?root=


@login_required
def organization_tree(request):
    """The user's subtree(s) as nested, collapsible lists; ``?root=`` starts lower down."""
    visible = organization_queryset(user=request.user)
    root = None
    if request.GET.get("root", "").isdigit():
        root = get_or_404(organization_get, user=request.user, pk=int(request.GET["root"]))
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
