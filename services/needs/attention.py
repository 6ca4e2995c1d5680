"""The needs collection's item on the service chain's card (education.attention)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count
from members.scoping import has_write_role
from services.needs import actions
from services.needs.models import NeedsEntry


@attention_item(order=20, chain="services")
def needs_not_asked(user, today, cap):
    """This month's rows not asked yet in the rounds the user fills."""
    if not has_write_role(user):
        return None
    month = actions.month_start(today)
    rows = NeedsEntry.objects.visible_to(user, for_write=True).filter(
        round__month=month, outcome=NeedsEntry.Outcome.NOT_YET
    )
    url = reverse("services:needs:round_list")
    return AttentionItem(
        _("Mobile members not yet asked this month"), capped_count(rows, cap), url, cap
    )
