"""Admin of differentiated management: audit lists of contacts, marks, dues, reviews, work.

Read only: the pages and the API write through the actions. Rows of the members a staff user
manages are listed — files in the subtree and mobile members hosted there — by the same
``visible_to`` the pages use.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin_base import ReadOnlyAdmin
from members.followup.models import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)


class ManagementAdmin(ReadOnlyAdmin):
    list_select_related = ("member",)
    search_fields = ("member__name",)
    raw_id_fields = ("member",)


@admin.register(ContactLog)
class ContactLogAdmin(ManagementAdmin):
    list_display = ("contacted_on", "member", "side", "channel", "reached", "by")
    list_filter = ("side", "channel", "reached")


@admin.register(LostContactMark)
class LostContactMarkAdmin(ManagementAdmin):
    list_display = ("member", "marked_on", "cleared_on", "by")


@admin.register(DuesRate)
class DuesRateAdmin(ManagementAdmin, SimpleHistoryAdmin):
    list_display = ("member", "since", "amount", "quarterly_consent")


@admin.register(DuesPayment)
class DuesPaymentAdmin(ManagementAdmin):
    list_display = ("member", "period_from", "period_to", "amount", "paid_on", "place")
    list_select_related = ("member", "organization")


@admin.register(ActivityCardReview)
class ActivityCardReviewAdmin(ManagementAdmin):
    list_display = ("member", "year", "result", "reviewed_on", "by")
    list_filter = ("result",)


@admin.register(AssignedWork)
class AssignedWorkAdmin(ManagementAdmin):
    list_display = ("member", "description", "assigned_on", "ends_on")
