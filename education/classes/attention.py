"""The classes' items for the secretary's attention (education.attention)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count, day_start
from education.classes import selectors
from members.scoping import has_write_role

WEEK = datetime.timedelta(days=7)


@attention_item(order=40)
def classes_this_week(user, today, cap):
    """Scheduled classes the user's subtrees host from today to a week ahead."""
    if not has_write_role(user):
        return None
    classes = selectors.classes_hosted_between(
        user=user, start=day_start(today), end=day_start(today + WEEK + datetime.timedelta(days=1))
    )
    url = reverse("education:classes:class_list")
    return AttentionItem(_("Training classes this week"), capped_count(classes, cap), url, cap)


@attention_item(order=41)
def classes_without_attendance(user, today, cap):
    """Classes that have taken place with attendance still to record."""
    if not has_write_role(user):
        return None
    classes = selectors.classes_unrecorded(user=user, now=timezone.now())
    url = reverse("education:classes:class_list")
    return AttentionItem(
        _("Classes with attendance to record"), capped_count(classes, cap), url, cap
    )
