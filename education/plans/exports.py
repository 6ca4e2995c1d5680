"""The study plan list and the reading list as spreadsheets: the pages' rows, filtered alike."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.plans import selectors
from education.plans.forms import plan_list_filters
from members.downloads.registry import Column, ListExport, register


def plan_rows(*, user, params):
    rows = selectors.plan_rows(user=user, **plan_list_filters(params))
    return selectors.with_member_count(rows)


register(
    ListExport(
        name="plans",
        title=_("Study plans"),
        list_url="education:plans:plan_list",
        rows=plan_rows,
        columns=(
            Column(_("Year"), lambda plan: plan.year, 8),
            Column(_("Title"), lambda plan: plan.title, 30),
            Column(_("Who it is for"), lambda plan: plan.audience, 24),
            Column(_("Made by"), lambda plan: plan.organization.name, 24),
            Column(_("Number of members"), lambda plan: plan.member_count, 10),
            Column(_("Target study hours"), lambda plan: plan.target_hours, 12),
            Column(_("Template"), lambda plan: plan.template.name if plan.template else None),
            Column(_("Created"), lambda plan: timezone.localdate(plan.created_at), 12),
        ),
    )
)


def reading_rows(*, user, params):
    return selectors.reading_queryset(user=user).order_by(*selectors.READING_ORDER)


register(
    ListExport(
        name="readings",
        title=_("Reading lists"),
        list_url="education:plans:reading_list",
        rows=reading_rows,
        columns=(
            Column(_("Title"), lambda reading: reading.title, 30),
            Column(_("Kind"), lambda reading: reading.get_kind_display(), 8),
            Column(_("Author or source"), lambda reading: reading.author, 20),
            Column(_("Study hours"), lambda reading: reading.hours, 10),
            Column(_("Listed by"), lambda reading: reading.organization.name, 24),
            Column(_("Link"), lambda reading: reading.url, 30),
        ),
    )
)
