"""Django admin for the management chain.

Non-superuser staff see only their subtrees: every ``get_queryset`` reads through
``visible_to(request.user)`` and change/delete follow the write scope. Member files and
organisations are saved through ``members.actions``; the forms call the action while
validating, so its field errors show on the form, and the admin rolls the transaction back
when anything else on the page (an inline) is invalid — the pattern treebeard's admin uses.
"""

from members.admin import files, management, orglife, outbox, records

__all__ = ["files", "management", "orglife", "outbox", "records"]
