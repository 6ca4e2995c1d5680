"""Hardship subsidies for the secretary's attention (the home card of the service chain)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count
from members.scoping import has_write_role
from services.subsidies import selectors


@attention_item(order=50, chain="services")
def subsidies_to_approve(user, today, cap):
    """Applications awaiting the user's decision (never those the user made)."""
    if not has_write_role(user):
        return None
    count = capped_count(selectors.awaiting_approval(user=user), cap)
    url = reverse("services:subsidies:subsidy_list") + f"?box={selectors.TO_APPROVE}"
    return AttentionItem(_("Hardship subsidies awaiting your approval"), count, url, cap)
