"""Message texts: Chinese templates with ``{placeholders}``, checked and filled safely.

Only a bare name in braces is a placeholder (``{name}``); ``{{`` and ``}}`` are literal braces.
Format specifications, conversions, attribute or index access (``{name:>9999}``, ``{name!r}``,
``{name.x}``) are refused when a template is saved and never interpreted when one is filled,
so a text can neither grow without bound nor reach into an object.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.organizations.models import Organization
from members.outbox import kinds
from members.outbox.models import MessageTemplate

PLACEHOLDERS = {
    "name",
    "names",
    "years",
    "organization",
    "secretary",
    "signature",
    "count",
    "date",
    "days",
    "url",
    # The education chain's messages: a lesson's or class's title, a class's time and link.
    "title",
    "time",
    "link",
    # A study package's parcel: the courier and its tracking number.
    "courier",
    "tracking",
}
MAX_TEXT_LENGTH = 500
# A value longer than this is cut: names and organisations are far shorter, so a filled text
# stays within MAX_TEXT_LENGTH plus a few hundred characters.
MAX_VALUE_LENGTH = 100
TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
# What the template preview fills in: the seed's greeting to 王秀玲.
PREVIEW_VALUES = {
    "name": "王秀玲",
    "years": 12,
    "organization": "城关镇某村党支部",
    "secretary": "王生贵",
    "signature": "城关镇某村党支部 王生贵",
    "count": 3,
    "date": "2026-07-01",
    "days": 30,
    "url": "https://example.org/m/…/",
    "courier": "中国邮政",
    "tracking": "9800001111",
}


def message_text_check(text: str) -> None:
    """Raise ``ValidationError`` unless the text uses only known, bare ``{placeholders}``."""
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError({"text": _("At most %(n)d characters.") % {"n": MAX_TEXT_LENGTH}})
    for match in TOKEN.finditer(text):
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            continue
        if name is None:
            raise ValidationError({"text": _("Unbalanced braces in the text.")})
        if name not in PLACEHOLDERS:
            raise ValidationError({"text": _("Unknown placeholder: {%(name)s}") % {"name": name}})


def render(text: str, **values) -> str:
    """Fill the placeholders; a placeholder without a value renders empty, anything that is
    not a bare placeholder is left as it stands."""

    def fill(match: re.Match) -> str:
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            return token[0]
        if name in PLACEHOLDERS:
            return str(values.get(name, ""))[:MAX_VALUE_LENGTH]
        return token

    return TOKEN.sub(fill, text[:MAX_TEXT_LENGTH]).strip()


def signature(organization: dict) -> str:
    """Who the message is from: the organisation and its secretary, as the seed's 王生贵."""
    return " ".join(filter(None, [organization["name"], organization["secretary_name"]]))


class TemplateBook:
    """Texts of one kind, resolved for an organisation: its own, its nearest ancestor's, the
    city default, else the kind's built-in text. Loads the few template rows once."""

    def __init__(self, kind: str):
        rows = MessageTemplate.objects.filter(kind=kind).values_list("organization__path", "text")
        self.by_path = dict(rows)
        self.default = self.by_path.pop(None, None) or kinds.get(kind).default_text

    def text_for(self, path: str | None) -> str:
        steplen = Organization.steplen
        for end in range(len(path or ""), 0, -steplen):
            if (text := self.by_path.get(path[:end])) is not None:
                return text
        return self.default


class OrganizationCache:
    """Name, secretary and path of organisations, fetched once per batch of new ids."""

    def __init__(self):
        self.rows: dict[int, dict] = {}

    def load(self, ids: Iterable[int]) -> None:
        missing = set(ids) - self.rows.keys()
        if missing:
            fields = ("pk", "name", "secretary_name", "path")
            for row in Organization.objects.filter(pk__in=missing).values(*fields):
                self.rows[row["pk"]] = row

    def __getitem__(self, pk: int) -> dict:
        return self.rows[pk]
