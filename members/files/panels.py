"""Sections other apps add to the member file page (study hours, parcels, service cases).

The management chain must not import education or services, so they register a panel here
(in their ``AppConfig.ready``): a function given the member, the reading user and today's date
returns ``Panel``s or nothing, and the file page renders each panel's template with its
context after the management chain's own sections. A panel reads through its app's scoped
selectors with the same user, so it never shows more than the user may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


PanelProvider = Callable[..., list[Panel]]  # provider(member, *, user, today) -> panels

_providers: list[PanelProvider] = []


def file_panel(provider: PanelProvider) -> PanelProvider:
    """Register a function giving panels for the member file page."""
    _providers.append(provider)
    return provider


def panels_for(member, *, user, today) -> list[Panel]:
    panels = [
        panel for provider in _providers for panel in provider(member, user=user, today=today)
    ]
    return sorted(panels, key=lambda panel: panel.order)
