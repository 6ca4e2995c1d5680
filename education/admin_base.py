"""The education chain's admin base: the management chain's scoped admin
(``members.admin_base``: reads through ``visible_to``, changes what ``can_write`` allows,
history shown and never restored), with what education adds.

Education's rows are changed on its pages and through its API, where each change is an
action; most admin pages only read (``ReadOnlyAdmin``), some add through an action
(``AddOnlyAdmin``), and rows shared down the tree are kept where they were made
(``SharedDownAdmin``).
"""

from django.db import models

from members.admin_base import ScopedAdmin as MembersScopedAdmin


class ScopedAdmin(MembersScopedAdmin):
    """The management chain's scoped admin; links typed without a scheme are https."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class AddOnlyAdmin(ScopedAdmin):
    """Added here through the topic's action, never changed nor deleted past it."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(AddOnlyAdmin):
    """Shown for audits; changes go through the pages and the API's actions."""

    def has_add_permission(self, request, *args):
        return False


class SharedDownAdmin(ScopedAdmin):
    """Owned rows shared down the tree: the organisation is chosen when adding, then fixed."""

    def get_readonly_fields(self, request, obj=None):
        return ("organization",) if obj else ()
