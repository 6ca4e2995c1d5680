"""The plans' item for the secretary's attention (education.attention)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item
from education.plans import selectors
from members.scoping import has_write_role


@attention_item(order=10)
def plans_without_progress(user, today, cap):
    """This year's plans the user writes in which no member has studied yet."""
    if not has_write_role(user):
        return None
    plans = selectors.plans_without_progress(user=user, year=today.year)
    count = len(plans.values("pk")[: cap + 1])
    url = reverse("education:plans:plan_list") + f"?year={today.year}&without_progress=1"
    return AttentionItem(_("Study plans nobody has started"), count, url, cap)
