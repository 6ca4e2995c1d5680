"""Scoped reads of training classes: the list with its counts, the sheet, a member's own.

Counts say how many were invited and joined — of a class, never per member: no member is
ranked by what they studied (2025 rules against formalism).
"""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from education.classes.models import ClassInvitation, TrainingClass
from members.files.models import Member
from members.organizations.models import User
from members.pagination import KeysetPage, keyset_page

Attendance = ClassInvitation.Attendance


def class_queryset(*, user: User, for_write: bool = False) -> QuerySet[TrainingClass]:
    return TrainingClass.objects.visible_to(user, for_write=for_write).select_related(
        "organization"
    )


def class_get(*, user: User, pk: int, for_write: bool = False) -> TrainingClass:
    """One class the user may see (or change), or ``TrainingClass.DoesNotExist``."""
    return class_queryset(user=user, for_write=for_write).get(pk=pk)


CLASS_ORDER = ("-starts_at", "-id")


def class_rows(*, user: User) -> QuerySet[TrainingClass]:
    """The classes the list shows (its page and its export), latest start first."""
    return class_queryset(user=user).order_by(*CLASS_ORDER)


def with_invitation_counts(classes: QuerySet[TrainingClass]) -> QuerySet[TrainingClass]:
    """Each class's ``invited`` and ``joined`` in the same query (correlated counts, for an
    export of every class rather than a page)."""
    invitations = ClassInvitation.objects.filter(training_class=OuterRef("pk"))
    return classes.annotate(
        invited=_count(invitations),
        joined=_count(invitations.filter(attendance=Attendance.JOINED)),
    )


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("training_class").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def class_list(*, user: User, cursor: str = "", size: int = 25) -> KeysetPage:
    """One page of classes, latest start first, each with ``invited`` and ``joined``."""
    page = keyset_page(class_rows(user=user), order=CLASS_ORDER, cursor=cursor, size=size)
    counts = invitation_counts([training_class.pk for training_class in page.items])
    for training_class in page.items:
        training_class.invited, training_class.joined = counts.get(training_class.pk, (0, 0))
    return page


def invitation_counts(class_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        ClassInvitation.objects.filter(training_class__in=class_ids)
        .order_by()
        .values("training_class")
        .annotate(invited=Count("pk"), joined=Count("pk", filter=Q(attendance=Attendance.JOINED)))
    )
    return {row["training_class"]: (row["invited"], row["joined"]) for row in rows}


def invitations_queryset(*, user: User, training_class: TrainingClass) -> QuerySet:
    """The class's invitations of members the user may see."""
    return (
        ClassInvitation.objects.visible_to(user)
        .filter(training_class=training_class)
        .select_related("member", "member__organization")
    )


def attendance_sheet(
    *, user: User, training_class: TrainingClass, cursor: str = "", size: int = 100, name: str = ""
) -> KeysetPage:
    """One page of the sheet (members the user may see), in the order they were invited; a
    city-wide class has hundreds of rows, so the writer may look for a member by name."""
    rows = invitations_queryset(user=user, training_class=training_class)
    if name.strip():
        rows = rows.filter(member__name__contains=name.strip())
    return keyset_page(rows, order=("id",), cursor=cursor, size=size)


def member_upcoming_classes(
    *, member: Member, now: datetime.datetime | None = None
) -> list[ClassInvitation]:
    """The member's own invitations to scheduled classes not yet over (phone page)."""
    now = now or timezone.now()
    # A class lasts at most a day: anything that started earlier than that is over.
    return [
        invitation
        for invitation in ClassInvitation.objects.filter(
            member=member,
            training_class__status=TrainingClass.Status.SCHEDULED,
            training_class__starts_at__gt=now - datetime.timedelta(days=1),
        )
        .select_related("training_class", "training_class__organization")
        .order_by("training_class__starts_at")[:20]
        if _ends(invitation.training_class) > now
    ]


def _ends(training_class: TrainingClass) -> datetime.datetime:
    return training_class.starts_at + datetime.timedelta(minutes=training_class.duration_minutes)


def member_classes(*, user: User, member: Member, limit: int = 20) -> list[ClassInvitation]:
    """Classes the member was invited to, as the user may see them (member file panel)."""
    return list(
        ClassInvitation.objects.visible_to(user)
        .filter(member=member)
        .select_related("training_class")
        .order_by("-training_class__starts_at", "-id")[:limit]
    )


def classes_hosted_between(*, user: User, start, end) -> QuerySet[TrainingClass]:
    """Scheduled classes the user's subtrees host, starting in [start, end)."""
    return TrainingClass.objects.visible_to(user, for_write=True).filter(
        status=TrainingClass.Status.SCHEDULED, starts_at__gte=start, starts_at__lt=end
    )


def classes_unrecorded(*, user: User, now: datetime.datetime) -> QuerySet[TrainingClass]:
    """Classes hosted in the user's subtrees that have begun and still have invitations with
    no attendance recorded (a sheet not yet saved, or saved with rows left blank)."""
    blank = ClassInvitation.objects.filter(
        training_class=OuterRef("pk"), attendance=Attendance.INVITED
    )
    held = TrainingClass.objects.visible_to(user, for_write=True).filter(
        status__in=[TrainingClass.Status.SCHEDULED, TrainingClass.Status.HELD], starts_at__lt=now
    )
    return held.filter(Exists(blank))
