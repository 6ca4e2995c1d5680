"""The registry of message kinds: each app declares the kinds it sends, in code.

``Notification.kind`` is a plain string checked against this registry, so a new app (education,
services) adds its kinds with ``register`` without a migration of ``members``. A kind carries
its label, the Chinese text used until an administrator saves a ``MessageTemplate`` for it, and
whether secretaries may send it by hand.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class Kind(str):
    """A kind's code (what the column stores) with its label, default text and use."""

    label: str
    default_text: str
    manual: bool  # a secretary may write it and send it to members

    def __new__(cls, code: str, label, default_text: str = "", manual: bool = False):
        kind = super().__new__(cls, code)
        kind.label, kind.default_text, kind.manual = label, default_text, manual
        return kind

    @property
    def code(self) -> str:
        return str.__str__(self)


_REGISTRY: dict[str, Kind] = {}


def register(code: str, label, *, default_text: str = "", manual: bool = False) -> Kind:
    """Declare a kind once; a second declaration of the same code is a programming error."""
    if code in _REGISTRY:
        raise ValueError(f"notification kind {code!r} is already registered")
    _REGISTRY[code] = kind = Kind(code, label, default_text, manual)
    return kind


def get(code: str) -> Kind:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise ValidationError(_("Unknown kind of message: %(code)s") % {"code": code}) from None


def label(code: str) -> str:
    kind = _REGISTRY.get(code)
    return str(kind.label) if kind else code


def choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in _REGISTRY.values()]


def manual_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in _REGISTRY.values() if kind.manual]


def validate_kind(code: str) -> None:
    """Model-field validator: the kind must be registered."""
    get(code)
