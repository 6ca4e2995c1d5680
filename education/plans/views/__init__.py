"""Pages of study plans, their reading lists and templates."""

from education.plans.views.library import (
    reading_create,
    reading_delete,
    reading_edit,
    reading_list,
    template_create,
    template_delete,
    template_edit,
    template_list,
)
from education.plans.views.plans import (
    plan_add_members,
    plan_create,
    plan_detail,
    plan_edit,
    plan_list,
    reading_confirm,
)

__all__ = [
    "plan_add_members",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_list",
    "reading_confirm",
    "reading_create",
    "reading_delete",
    "reading_edit",
    "reading_list",
    "template_create",
    "template_delete",
    "template_edit",
    "template_list",
]
