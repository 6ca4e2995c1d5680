"""Lessons in the admin: read for audits; withdrawing goes through the lesson's action."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from education.admin_base import ReadOnlyAdmin
from education.lessons import actions as lesson_actions
from education.lessons.models import Lesson, LessonDelivery
from members.workflow import TransitionError


@admin.register(Lesson)
class LessonAdmin(ReadOnlyAdmin):
    """Written on the lesson pages (drafts, files, publishing); withdrawn here as there."""

    list_display = ("title", "organization", "status", "published_at")
    list_filter = ("status",)
    list_select_related = ("organization",)
    search_fields = ("title",)
    actions = ["withdraw"]

    @admin.action(description=_("Withdraw the chosen lessons"), permissions=["view"])
    def withdraw(self, request, queryset):
        done = 0
        for lesson in queryset:
            try:
                lesson_actions.lesson_withdraw(actor=request.user, lesson=lesson)
            except (TransitionError, PermissionDenied) as error:
                self.message_user(request, f"{lesson}: {error}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, _("%(count)d lessons withdrawn.") % {"count": done})


@admin.register(LessonDelivery)
class LessonDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "opened_at", "completed_at", "last_reminded_on")
    list_select_related = ("lesson", "member")
    search_fields = ("member__name", "lesson__title")
