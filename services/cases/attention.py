"""The cases' items for the secretary's attention on the service chain's card
(education.attention): open requests handled in my scope, and the overdue ones."""

from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count
from members.scoping import has_write_role
from services.cases.models import ServiceCase

LIST_PATH = "/services/cases/"


def _handled(user):
    # The handling subtree only (an indexed prefix on handling_path): the cases I must act on.
    return ServiceCase.objects.visible_to(user, for_write=True).open()


@attention_item(order=10, chain="services")
def cases_open(user, today, cap):
    if not has_write_role(user):
        return None
    count = capped_count(_handled(user), cap)
    return AttentionItem(_("Open service requests"), count, f"{LIST_PATH}?status=open", cap)


@attention_item(order=11, chain="services")
def cases_overdue(user, today, cap):
    if not has_write_role(user):
        return None
    count = capped_count(_handled(user).filter(due_on__lt=today), cap)
    return AttentionItem(_("Overdue service requests"), count, f"{LIST_PATH}?overdue=1", cap)
