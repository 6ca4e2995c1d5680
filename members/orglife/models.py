"""Organisational life (组织生活): activities a branch holds and who took part.

One membership, organisational life in several places (art. 32): a mobile member's attendance
at the inflow side's activities counts on their file and is visible to the home branch too.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.files.models import Member
from members.organizations.models import Organization
from members.scoping import ScopedQuerySet, organizations_in, scope_paths, subtree_q


class ActivityQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """Held in the subtrees; readers also see the activities their members attended."""
        if for_write:
            return self._held_condition(paths)
        # One IN over a UNION of two index scans: an OR of the two would scan every activity.
        held = Activity.objects.filter(self._held_condition(paths)).order_by().values("pk")
        attended = Attendance.objects.filter(subtree_q(paths, "member__home_path")).order_by()
        return Q(pk__in=held.union(attended.values("activity_id")))

    def held_within(self, user):
        """Activities held in the user's subtrees: what the lists show. (Those its members
        attended elsewhere are reached from each member's file.)"""
        paths = scope_paths(user)
        return self if paths is None else self.filter(self._held_condition(paths))

    @staticmethod
    def _held_condition(paths: list[str]) -> Q:
        return Q(organization__in=organizations_in(paths))


class AttendanceQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """At activities held in the subtrees, or of members whose file lies there."""
        organizations = organizations_in(paths)
        if for_write:
            return Q(activity__organization__in=organizations)
        return Q(activity__organization__in=organizations) | subtree_q(paths, "member__home_path")


class Activity(models.Model):
    """A branch meeting, Party lesson, theme Party day, … held by one organisation."""

    class Kind(models.TextChoices):
        BRANCH_MEETING = "branch_meeting", _("Branch general meeting")
        COMMITTEE_MEETING = "committee_meeting", _("Branch committee meeting")
        GROUP_MEETING = "group_meeting", _("Party group meeting")
        PARTY_LESSON = "party_lesson", _("Party lesson")
        THEME_DAY = "theme_day", _("Theme Party day")
        GROUP_STUDY = "group_study", _("Group study")
        LIFE_MEETING = "life_meeting", _("Organisational life meeting")
        APPRAISAL = "appraisal", _("Democratic appraisal of members")

    # 三会一课: the three meetings and the Party lesson.
    THREE_MEETINGS_ONE_LESSON = (
        Kind.BRANCH_MEETING,
        Kind.COMMITTEE_MEETING,
        Kind.GROUP_MEETING,
        Kind.PARTY_LESSON,
    )

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="activities", verbose_name=_("held by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_at = models.DateTimeField(_("held at"))
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("place or meeting link"), max_length=300, blank=True)
    content = models.TextField(_("content"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisational-life activity")
        verbose_name_plural = _("organisational-life activities")
        ordering = ["-held_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-held_at"], name="activity_org_held"),
            # The whole province's list, newest first (an administrator's).
            models.Index(fields=["-held_at", "-id"], name="activity_held"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.title}"

    def get_absolute_url(self):
        return reverse("orglife:activity_detail", args=[self.pk])


class Attendance(models.Model):
    """One member's part in one activity."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ONLINE = "online", _("Took part online")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    TOOK_PART = (Status.PRESENT, Status.ONLINE)

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="attendances", verbose_name=_("activity")
    )
    member = models.ForeignKey(
        Member, models.CASCADE, related_name="attendances", verbose_name=_("member")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    objects = AttendanceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="attendance_once")
        ]
        indexes = [models.Index(fields=["member", "activity"], name="attendance_member")]

    def __str__(self):
        return f"{self.member} · {self.get_status_display()}"

    @property
    def took_part(self) -> bool:
        return self.status in self.TOOK_PART


# Topics that keep something in step with attendance (followup's warning facts) listen here:
# recording attendance calls ``attendance_changed`` with the members concerned.
ATTENDANCE_LISTENERS: list[Callable[[list[int]], None]] = []


def attendance_changed(member_ids: list[int]) -> None:
    for listener in ATTENDANCE_LISTENERS:
        listener(member_ids)
