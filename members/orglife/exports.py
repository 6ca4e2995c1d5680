"""The export of the activity list (组织生活): activities with how many took part."""

from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, choice, filters_in_words, register
from members.orglife.forms import ActivityFilterForm
from members.orglife.models import Activity
from members.orglife.selectors import (
    ACTIVITY_ORDER,
    ActivityFilters,
    activity_search,
    with_took_part,
)


def activity_rows(*, user, params):
    """The activity list's rows: the same form, selector and order as the page."""
    form = ActivityFilterForm(params or None, user=user)
    filters = ActivityFilters(**form.filters())
    return activity_search(user=user, filters=filters).order_by(*ACTIVITY_ORDER)


def _took_part(activities: list, *, user, params) -> None:
    with_took_part(activities)


def _describe(*, user, params):
    return filters_in_words(ActivityFilterForm(params or None, user=user))


register(
    ListExport(
        name="activities",
        title=_("Organisational life"),
        list_url="orglife:activity_list",
        rows=activity_rows,
        chunk=_took_part,
        describe=_describe,
        columns=[
            Column(_("Held at"), lambda a: a.held_at, width=17),
            Column(_("Kind"), choice(Activity, "kind"), width=12),
            Column(_("Title"), lambda a: a.title, width=36),
            Column(_("Held by"), lambda a: a.organization.name, width=28),
            Column(_("online"), lambda a: _("Yes") if a.online else _("No"), width=6),
            Column(_("place or meeting link"), lambda a: a.location, width=30),
            Column(_("Took part"), lambda a: a.took_part, width=8),
        ],
    )
)
