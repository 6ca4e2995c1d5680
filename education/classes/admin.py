"""Training classes in the admin: read for audits; cancelling goes through the class's action."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from education.admin_base import ReadOnlyAdmin
from education.classes import actions as class_actions
from education.classes.models import ClassInvitation, TrainingClass
from members.workflow import TransitionError


@admin.register(TrainingClass)
class TrainingClassAdmin(ReadOnlyAdmin):
    """Scheduled, invited and recorded on the class pages; cancelled here as there."""

    list_display = ("title", "organization", "starts_at", "status", "reminders_sent_at")
    list_filter = ("status",)
    list_select_related = ("organization",)
    search_fields = ("title",)
    actions = ["cancel"]

    @admin.action(description=_("Cancel the chosen classes"), permissions=["view"])
    def cancel(self, request, queryset):
        done = 0
        for training_class in queryset:
            try:
                class_actions.training_class_cancel(
                    actor=request.user, training_class=training_class
                )
            except (TransitionError, ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{training_class}: {error}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, _("%(count)d classes cancelled.") % {"count": done})


@admin.register(ClassInvitation)
class ClassInvitationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "attendance", "minutes", "recorded_at")
    list_filter = ("attendance",)
    list_select_related = ("training_class", "member")
    search_fields = ("member__name", "training_class__title")
