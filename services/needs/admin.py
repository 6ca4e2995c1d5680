"""The needs collection in the admin: read only, through the scoping (rounds are opened and
rows filled on the pages and the API, whose actions keep the counters)."""

from django.contrib import admin

from members.admin_base import ReadOnlyAdmin
from services.needs.models import NeedsEntry, NeedsRound


@admin.register(NeedsRound)
class NeedsRoundAdmin(ReadOnlyAdmin):
    list_display = (
        "organization",
        "month",
        "due_on",
        "members_count",
        "asked_count",
        "needs_count",
        "cases_count",
    )
    list_select_related = ("organization",)
    list_filter = ("month",)
    search_fields = ("organization__name",)


@admin.register(NeedsEntry)
class NeedsEntryAdmin(ReadOnlyAdmin):
    list_display = ("member", "round", "outcome", "method", "category", "case")
    list_select_related = ("member", "round__organization")
    list_filter = ("outcome", "category")
    search_fields = ("member__name",)
    raw_id_fields = ("member", "round", "case")
