"""Care's item for the secretary's attention on the service chain's card."""

from django.urls import reverse
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count
from members.scoping import has_write_role
from services.care import selectors


@attention_item(order=40, chain="services")
def care_visits_to_make(user, today, cap):
    """Visits still to make, in the user's scope, for the campaigns running today."""
    if not has_write_role(user):
        return None
    count = capped_count(selectors.visits_to_make(user=user, today=today), cap)
    url = reverse("services:care:campaign_list")
    return AttentionItem(_("Holiday care visits to make"), count, url, cap)
