"""Pages reachable through a member's personal link (a lesson's text, a parcel's details).

A stand-in until the links topic's own ``@link_page`` lands in ``members.links.registry``
(same signature, so the lessons topic moves by changing one import): an item's ``url`` on the
phone page is relative (``lesson/12/``), the link's route ``/m/<token>/<name>/<id>/`` calls the
handler registered for ``name``.
"""

from collections.abc import Callable

# handler(member, *, target_id, link, request) -> (template, context) or an HttpResponse;
# raises ObjectDoesNotExist (a 404) when the object is not the member's own.
PageHandler = Callable[..., object]

_pages: dict[str, PageHandler] = {}


def link_page(name: str) -> Callable[[PageHandler], PageHandler]:
    """Register the handler of the sub-page ``name`` (one name, one handler)."""

    def register(handler: PageHandler) -> PageHandler:
        if name in _pages:
            raise ValueError(f"link page {name!r} is already registered")
        _pages[name] = handler
        return handler

    return register


def page_handler(name: str) -> PageHandler | None:
    return _pages.get(name)


def page_url(name: str, target_id: int) -> str:
    """An ``Item.url`` for a registered page: relative to the phone page, without the token."""
    return f"{name}/{int(target_id)}/"
