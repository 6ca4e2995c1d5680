"""Every write of the management chain is a function here (pages, API, admin, imports, tasks).

``files`` holds the member file and organisation tree, ``records`` the mobile-record
workflow, ``letters`` the letters of introduction.
"""

from members.actions.files import (
    MEMBER_FIELDS,
    ensure_can_write,
    family_member_add,
    family_member_remove,
    member_create,
    member_reveal_id_number,
    member_update,
    organization_create,
    organization_move,
    organization_update,
    pinyin_initials,
)

__all__ = [
    "MEMBER_FIELDS",
    "ensure_can_write",
    "family_member_add",
    "family_member_remove",
    "member_create",
    "member_reveal_id_number",
    "member_update",
    "organization_create",
    "organization_move",
    "organization_update",
    "pinyin_initials",
]
