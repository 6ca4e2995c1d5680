"""The packages' items for the secretary's attention (education.attention)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count, day_start
from education.packages import selectors
from members.scoping import has_write_role

# A parcel on the road this long has likely gone astray: the sender should ask the courier.
OVERDUE_DAYS = 14


@attention_item(order=20)
def shipments_overdue(user, today, cap):
    """Shipments sent more than two weeks ago, neither received nor returned."""
    if not has_write_role(user):
        return None
    sent_before = day_start(today - datetime.timedelta(days=OVERDUE_DAYS))
    count = capped_count(selectors.shipments_overdue(user=user, sent_before=sent_before), cap)
    url = reverse("education:packages:dispatch_list")
    return AttentionItem(_("Parcels not received after two weeks"), count, url, cap)


@attention_item(order=21)
def shipments_to_pack(user, today, cap):
    """Shipments still to pack in the dispatches of the user's subtrees."""
    if not has_write_role(user):
        return None
    count = capped_count(selectors.shipments_to_pack(user=user), cap)
    url = reverse("education:packages:dispatch_list")
    return AttentionItem(_("Parcels still to pack"), count, url, cap)
