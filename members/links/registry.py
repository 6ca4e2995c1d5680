"""What other topics and apps put on the member's phone page, and what members may do there.

The management chain must not import education or services, so those register here instead
(in their ``AppConfig.ready``): a *section provider* returns the member's items for the page,
and an *action* is a named handler a link's POST calls. The links' views only render sections
and dispatch actions; each handler checks that the object it is given is the member's own,
changes it through the owning topic's actions, and says what to put on the timeline.

A *page* shows more of an item than a line can (a lesson's text): ``@link_page("lesson")``
registers handler(member, *, target_id, link, request) returning ``(template, context)`` or
an ``HttpResponse``; it is reached at ``/m/<token>/lesson/<target_id>/``. An item points
there with ``url=page_url("lesson", lesson.pk)``, a path relative to the phone page, so a
provider needs no token. The template should extend ``members/links/base.html`` (no menu of
the secretaries' site); the context gets ``member`` and ``home_url`` (back to the phone page)
and ``action_url`` (``{% url %}``-free posting: ``{{ action_url }}<action>/<id>/``). A handler
raises ``Http404`` for anything that is not the member's own.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ItemAction:
    """A button on an item: posts to the registered action ``name`` with ``target_id``."""

    name: str
    label: str
    target_id: int
    confirm: str = ""  # a question asked before posting, if any
    fields: tuple[tuple[str, str], ...] = ()  # extra inputs: (name, label)


@dataclass(frozen=True)
class Item:
    """One line of a section: a lesson, a parcel, a class, a report-in to confirm."""

    title: str
    detail: str = ""
    status: str = ""
    url: str = ""  # a page reachable through the link: page_url("lesson", pk), relative
    actions: tuple[ItemAction, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...] = ()
    summary: str = ""  # e.g. "今年已学习 12.5 学时（要求不少于 32 学时）"
    order: int = 100


@dataclass(frozen=True)
class ActionResult:
    """What a handler did: the message shown to the member and the timeline line."""

    message: str
    description: str
    target: str = ""


# provider(member, *, today) -> list[Section]
SectionProvider = Callable[..., list[Section]]
# handler(member, *, target_id, data, link) -> ActionResult; raises ValidationError or
# PermissionDenied (shown as a plain message) when the member may not do it.
ActionHandler = Callable[..., ActionResult]
# handler(member, *, target_id, link, request) -> (template, context) or HttpResponse.
PageHandler = Callable[..., object]


@dataclass
class _Registry:
    sections: list[SectionProvider] = field(default_factory=list)
    actions: dict[str, ActionHandler] = field(default_factory=dict)
    pages: dict[str, PageHandler] = field(default_factory=dict)


_registry = _Registry()


def section_provider(provider: SectionProvider) -> SectionProvider:
    """Register a function giving the member's sections of the phone page."""
    _registry.sections.append(provider)
    return provider


def link_action(name: str) -> Callable[[ActionHandler], ActionHandler]:
    """Register a handler for what a member does through the link (one name, one handler)."""

    def register(handler: ActionHandler) -> ActionHandler:
        if name in _registry.actions:
            raise ValueError(f"link action {name!r} is already registered")
        _registry.actions[name] = handler
        return handler

    return register


def link_page(name: str) -> Callable[[PageHandler], PageHandler]:
    """Register a page reachable through the link at ``<name>/<target_id>/`` (one handler)."""

    def register(handler: PageHandler) -> PageHandler:
        if name in _registry.pages:
            raise ValueError(f"link page {name!r} is already registered")
        _registry.pages[name] = handler
        return handler

    return register


def page_url(name: str, target_id: int) -> str:
    """An ``Item.url`` for a registered page: relative to the phone page, without the token."""
    return f"{name}/{int(target_id)}/"


def sections_for(member, *, today) -> list[Section]:
    sections = [s for provider in _registry.sections for s in provider(member, today=today)]
    return sorted(sections, key=lambda section: section.order)


def action_handler(name: str) -> ActionHandler | None:
    return _registry.actions.get(name)


def page_handler(name: str) -> PageHandler | None:
    return _registry.pages.get(name)
