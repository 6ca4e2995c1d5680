"""Scoped reads of lessons: the list with its counts, who has not opened one, a member's own.

Counts say how many were sent, opened and completed — of a lesson, never per member: no
member is ranked by what they studied (2025 rules against formalism).
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from education.lessons.models import Lesson, LessonDelivery
from members.files.models import Member
from members.organizations.models import User
from members.pagination import KeysetPage, keyset_page


def lesson_queryset(*, user: User, for_write: bool = False) -> QuerySet[Lesson]:
    return Lesson.objects.visible_to(user, for_write=for_write).select_related("organization")


def lesson_get(*, user: User, pk: int, for_write: bool = False) -> Lesson:
    """One lesson the user may see (or change), or ``Lesson.DoesNotExist``."""
    return lesson_queryset(user=user, for_write=for_write).get(pk=pk)


LESSON_ORDER = ("-created_at", "-id")


def lesson_rows(*, user: User) -> QuerySet[Lesson]:
    """The lessons the list shows (its page and its export), newest first."""
    return lesson_queryset(user=user).order_by(*LESSON_ORDER)


def with_delivery_counts(lessons: QuerySet[Lesson]) -> QuerySet[Lesson]:
    """Each lesson's ``sent``, ``opened`` and ``completed`` in the same query (an export
    reads every lesson, not a page: correlated counts instead of ``delivery_counts``)."""
    deliveries = LessonDelivery.objects.filter(lesson=OuterRef("pk"))
    return lessons.annotate(
        sent=_count(deliveries),
        opened=_count(deliveries.filter(opened_at__isnull=False)),
        completed=_count(deliveries.filter(completed_at__isnull=False)),
    )


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("lesson").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def lesson_list(*, user: User, cursor: str = "", size: int = 25) -> KeysetPage:
    """One page of lessons, newest first, each with ``sent``, ``opened`` and ``completed``:
    one aggregate over the page's lessons' deliveries (not over every lesson in scope)."""
    page = keyset_page(lesson_rows(user=user), order=LESSON_ORDER, cursor=cursor, size=size)
    counts = delivery_counts([lesson.pk for lesson in page.items])
    for lesson in page.items:
        lesson.sent, lesson.opened, lesson.completed = counts.get(lesson.pk, (0, 0, 0))
    return page


def delivery_counts(lesson_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    rows = (
        LessonDelivery.objects.filter(lesson__in=lesson_ids)
        .order_by()
        .values("lesson")
        .annotate(
            sent=Count("pk"),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
    )
    return {row["lesson"]: (row["sent"], row["opened"], row["completed"]) for row in rows}


def unopened_page(*, user: User, lesson: Lesson, cursor: str = "", size: int = 50) -> KeysetPage:
    """Deliveries not yet opened, of members the user may see, in the order they were sent
    (keyset on the delivery id: the partial index of unopened rows serves it)."""
    rows = (
        LessonDelivery.objects.visible_to(user)
        .filter(lesson=lesson, opened_at__isnull=True)
        .select_related("member", "member__organization")
    )
    return keyset_page(rows, order=("id",), cursor=cursor, size=size)


def deliveries_queryset(*, user: User, lesson: Lesson) -> QuerySet[LessonDelivery]:
    """The lesson's deliveries to members the user may see (the API's list)."""
    return (
        LessonDelivery.objects.visible_to(user)
        .filter(lesson=lesson)
        .select_related("member")
        .order_by("id")
    )


def member_lessons_to_study(*, member: Member) -> list[LessonDelivery]:
    """The member's own published lessons not yet completed, newest first (phone page)."""
    return list(
        LessonDelivery.objects.filter(
            member=member, lesson__status=Lesson.Status.PUBLISHED, completed_at__isnull=True
        )
        .select_related("lesson", "lesson__organization")
        .order_by("-lesson__published_at", "-id")[:20]
    )


def member_lessons(*, user: User, member: Member, limit: int = 20) -> list[LessonDelivery]:
    """Lessons sent to the member, as the user may see them (member file panel)."""
    return list(
        LessonDelivery.objects.visible_to(user)
        .filter(member=member)
        .select_related("lesson")
        .order_by("-id")[:limit]
    )


def lessons_unopened_since(*, user: User, since) -> QuerySet[Lesson]:
    """Lessons published since ``since`` that a member the user manages has not opened yet
    (a lesson counts once, however many members: whom to remind is on its page)."""
    unopened = LessonDelivery.objects.visible_to(user, for_write=True).filter(
        lesson=OuterRef("pk"), opened_at__isnull=True
    )
    published = Lesson.objects.filter(status=Lesson.Status.PUBLISHED, published_at__gte=since)
    # The delivery is the scope: a town's lesson counts for the village whose members have it.
    return published.filter(Exists(unopened))
