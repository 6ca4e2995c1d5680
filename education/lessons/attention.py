"""The lessons' item for the secretary's attention (education.attention)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from education.attention import AttentionItem, attention_item, capped_count, day_start
from education.lessons import selectors
from members.scoping import has_write_role

WEEK = datetime.timedelta(days=7)


@attention_item(order=30)
def lessons_unopened(user, today, cap):
    """Lessons published in the last seven days that some of the user's members have not opened."""
    if not has_write_role(user):
        return None
    lessons = selectors.lessons_unopened_since(user=user, since=day_start(today - WEEK))
    url = reverse("education:lessons:lesson_list")
    return AttentionItem(
        _("This week's lessons not opened by all"), capped_count(lessons, cap), url, cap
    )
