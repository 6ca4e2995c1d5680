"""Study hours in the admin, to read: credits come from their sources' actions."""

from django.contrib import admin

from education.admin_base import ReadOnlyAdmin
from education.hours.models import StudyCredit


@admin.register(StudyCredit)
class StudyCreditAdmin(ReadOnlyAdmin):
    """Hours are credited by lessons, classes and readings, and by the file's form."""

    list_display = ("member", "year", "hours", "source", "studied_on", "description")
    list_filter = ("source", "year")
    list_select_related = ("member",)
