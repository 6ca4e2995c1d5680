"""The environment, read strictly: a malformed or missing deploy-time value stops the start
with one line naming the variable (config/settings.py reads every value through these)."""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

PRODUCTION = env.str("SANLIAN_ENV", default="embedded") == "production"


def required(name: str) -> str:
    value = env.str(name, default="")
    if PRODUCTION and not value:
        raise ImproperlyConfigured(f"{name} must be set when SANLIAN_ENV=production")
    return value


def url(name: str, schemes: tuple[str, ...], default: str = "") -> str:
    value = env.str(name, default=default)
    scheme, sep, rest = value.partition("://")
    if value and (not sep or scheme not in schemes or not rest.strip("/")):
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ImproperlyConfigured(f"{name} is malformed: expected a URL starting with {allowed}")
    return value


def boolean(name: str, default: bool) -> bool:
    value = env.str(name, default=str(default)).strip().lower()
    if value not in {"true", "1", "yes", "on", "false", "0", "no", "off"}:
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in {"true", "1", "yes", "on"}


def number(name: str, default: float) -> float:
    try:
        return env.float(name, default=default)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number") from None


def whole_number(name: str, default: int) -> int:
    try:
        return env.int(name, default=default)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number") from exc
