"""Page helpers the education chain's topics share (on top of ``members.web``)."""

from collections.abc import Callable

from django.shortcuts import render

from members.scoping import ensure_can_write, has_write_role
from members.web import get_or_404, page_size


def writable_or_404(selector: Callable, request, pk: int):
    """The object, or 404 outside the user's scope, or 403 for those who may only read it."""
    obj = get_or_404(selector, user=request.user, pk=pk)
    ensure_can_write(request.user, obj)
    return obj


def list_page(request, selector: Callable, template: str):
    """A page of the user's objects (keyset paging); writers get the button to add one."""
    page = selector(
        user=request.user, cursor=request.GET.get("cursor", ""), size=page_size(request)
    )
    context = {"page": page, "query": "", "can_create": has_write_role(request.user)}
    return render(request, template, context)
