"""Scoped reads of study plans: reading lists, templates, plans and each member's progress.

Progress is read from what members actually did — lessons completed, classes attended,
readings confirmed, hours credited — never typed again. Members are listed by name and never
ordered, ranked or scored by their study (党员教育管理工作条例; the 2025 rules against
formalism): the plan's summary counts who reached the target, it names nobody.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from education.classes.models import ClassInvitation, TrainingClass
from education.hours.models import StudyCredit
from education.lessons.models import Lesson, LessonDelivery
from education.plans.models import PlanMember, PlanTemplate, Reading, ReadingConfirmation, StudyPlan
from members.files.models import Member
from members.organizations.models import User
from members.pagination import KeysetPage, keyset_page
from members.scoping import can_write, scope_paths, within

JOINED = ClassInvitation.Attendance.JOINED


READING_ORDER = ("title", "id")


def reading_queryset(*, user: User, for_write: bool = False) -> QuerySet[Reading]:
    """Readings listed in the user's subtrees and, to read, by the organisations above."""
    return Reading.objects.visible_to(user, for_write=for_write).select_related("organization")


def reading_get(*, user: User, pk: int, for_write: bool = False) -> Reading:
    return reading_queryset(user=user, for_write=for_write).get(pk=pk)


def template_queryset(*, user: User, for_write: bool = False) -> QuerySet[PlanTemplate]:
    rows = PlanTemplate.objects.visible_to(user, for_write=for_write)
    return rows.select_related("organization")


def template_get(*, user: User, pk: int, for_write: bool = False) -> PlanTemplate:
    return template_queryset(user=user, for_write=for_write).get(pk=pk)


def plan_queryset(*, user: User, for_write: bool = False) -> QuerySet[StudyPlan]:
    """Plans made in the user's subtrees and, to read, those reaching the user's members."""
    rows = StudyPlan.objects.visible_to(user, for_write=for_write)
    return rows.select_related("organization", "template")


def plan_get(*, user: User, pk: int, for_write: bool = False) -> StudyPlan:
    return plan_queryset(user=user, for_write=for_write).get(pk=pk)


PLAN_ORDER = ("-year", "-id")


def plan_rows(
    *, user: User, year: int | None = None, without_progress: bool = False
) -> QuerySet[StudyPlan]:
    """The plans the list shows (its page and its export), newest year first;
    ``without_progress``: only the year's plans none of whose members has studied yet."""
    plans = plan_queryset(user=user)
    if year:
        plans = plans.filter(year=year)
    if year and without_progress:
        plans = plans.filter(pk__in=plans_without_progress(user=user, year=year).values("pk"))
    return plans.order_by(*PLAN_ORDER)


def with_member_count(plans: QuerySet[StudyPlan]) -> QuerySet[StudyPlan]:
    """Each plan's ``member_count`` in the same query (a correlated count of its rows)."""
    rows = PlanMember.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    count = rows.annotate(n=Count("pk")).values("n")[:1]
    return plans.annotate(member_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))


def plan_list(
    *,
    user: User,
    year: int | None = None,
    without_progress: bool = False,
    cursor: str = "",
    size: int = 25,
):
    """One page of ``plan_rows``, each with ``member_count`` (counted for the page only)."""
    plans = plan_rows(user=user, year=year, without_progress=without_progress)
    page = keyset_page(plans, order=PLAN_ORDER, cursor=cursor, size=size)
    counts = dict(
        PlanMember.objects.filter(plan__in=page.items)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values_list("plan", "n")
    )
    for plan in page.items:
        plan.member_count = counts.get(plan.pk, 0)
    return page


# --- Choices offered when making a plan ---------------------------------------------------


def lesson_choices(*, user: User) -> QuerySet[Lesson]:
    """Lessons the user can see (a plan may list the town's or the city's lessons)."""
    return Lesson.objects.visible_to(user).exclude(status=Lesson.Status.WITHDRAWN)


def class_choices(*, user: User) -> QuerySet[TrainingClass]:
    rows = TrainingClass.objects.visible_to(user)
    return rows.exclude(status=TrainingClass.Status.CANCELLED)


# --- Progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanTotals:
    readings: int
    lessons: int
    classes: int


def plan_totals(plan: StudyPlan) -> PlanTotals:
    """How many readings, lessons and classes the plan asks for: one query."""
    counts = StudyPlan.objects.filter(pk=plan.pk).aggregate(
        readings=Count("readings", distinct=True),
        lessons=Count("lessons", distinct=True),
        classes=Count("classes", distinct=True),
    )
    return PlanTotals(**counts)


def _count(rows: QuerySet) -> Coalesce:
    """How many of ``rows`` belong to the outer member: a correlated aggregate subquery."""
    counted = rows.filter(member=OuterRef("pk")).order_by().values("member")
    counted = counted.annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def hours_subquery(year: int) -> Coalesce:
    """The outer member's study hours of the year (summed credits)."""
    credits = StudyCredit.objects.filter(member=OuterRef("pk"), year=year).order_by()
    total = credits.values("member").annotate(total=Sum("hours")).values("total")[:1]
    field = DecimalField(max_digits=6, decimal_places=1)
    return Coalesce(Subquery(total, output_field=field), Decimal(0), output_field=field)


def with_progress(members: QuerySet[Member], plan: StudyPlan) -> QuerySet[Member]:
    """Annotate each member with what they did of the plan and their hours of its year."""
    readings = plan.readings.through.objects.filter(studyplan=plan).values("reading_id")
    lessons = plan.lessons.through.objects.filter(studyplan=plan).values("lesson_id")
    classes = plan.classes.through.objects.filter(studyplan=plan).values("trainingclass_id")
    return members.annotate(
        readings_done=_count(
            ReadingConfirmation.objects.filter(year=plan.year, reading__in=readings)
        ),
        lessons_done=_count(
            LessonDelivery.objects.filter(lesson__in=lessons, completed_at__isnull=False)
        ),
        classes_done=_count(
            ClassInvitation.objects.filter(training_class__in=classes, attendance=JOINED)
        ),
        hours_done=hours_subquery(plan.year),
    )


def plan_member_rows(*, user: User, plan: StudyPlan) -> QuerySet[PlanMember]:
    """The plan's member rows the user may see: all of them in the plan's own subtree (its
    writers and viewers), otherwise those the user manages (a host reads its hosted members'
    lines of the home town's plan)."""
    rows = PlanMember.objects.filter(plan=plan)
    if not reads_whole_plan(user, plan):
        rows = rows & PlanMember.objects.visible_to(user)
    return rows


def reads_whole_plan(user: User, plan: StudyPlan) -> bool:
    """Whether the user reads the plan where it was made (as its writers do), not only as far
    as it reaches the user's members. No query: the plan's organisation is loaded with it."""
    return within(plan.organization.path, scope_paths(user))


def plan_members(*, user: User, plan: StudyPlan) -> QuerySet[Member]:
    return Member.objects.filter(pk__in=plan_member_rows(user=user, plan=plan).values("member_id"))


def confirmable_members(*, user: User, plan: StudyPlan, member_ids: list[int]) -> set[int]:
    """Which of these members of the plan the user may record readings for, on their word:
    all of them for the plan's writers, else those whose file or host the user writes."""
    rows = PlanMember.objects.filter(plan=plan, member_id__in=member_ids)
    if not can_write(user, plan):
        rows = rows & PlanMember.objects.visible_to(user, for_write=True)
    return set(rows.values_list("member_id", flat=True))


def plan_progress(
    *, user: User, plan: StudyPlan, cursor: str = "", size: int = 50
) -> tuple[KeysetPage, PlanTotals]:
    """One page of the plan's members, by NAME (never by progress), each with progress: three
    queries whatever the page size (the page of rows on the plan's name index; those members
    with aggregate subqueries; the plan's totals)."""
    rows = plan_member_rows(user=user, plan=plan).only("pk", "member_id", "member_name")
    page = keyset_page(rows, order=("member_name", "member_id"), cursor=cursor, size=size)
    ids = [row.member_id for row in page.items]
    members = with_progress(Member.objects.filter(pk__in=ids), plan).select_related("organization")
    by_pk = {member.pk: member for member in members}
    return replace(page, items=[by_pk[pk] for pk in ids]), plan_totals(plan)


def plan_reached_count(*, user: User, plan: StudyPlan) -> tuple[int, int]:
    """(members who reached the plan's target hours, members) — counts, no names.

    Summed from the year's credits of those who have any (a county's plan has ten thousand
    members, most with no credit yet), not a sum per member of the plan."""
    rows = plan_member_rows(user=user, plan=plan).order_by()
    total = rows.count()  # on the plan's rows: for its writers an index-only count
    if plan.target_hours <= 0:
        return total, total
    members = rows.values("member_id")
    credits = StudyCredit.objects.filter(year=plan.year, member_id__in=members).order_by()
    sums = credits.values("member").annotate(total=Sum("hours"))
    return sums.filter(total__gte=plan.target_hours).count(), total


# --- One member -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberProgress:
    """What one member did of one plan, and their hours of its year."""

    readings_done: int
    lessons_done: int
    classes_done: int
    hours_done: Decimal


def member_plans(*, member: Member, year: int | None = None) -> list[StudyPlan]:
    """The member's plans (of the year, if given), newest first, each with the member's
    ``progress`` and the plan's ``totals``: one query, whatever the number of plans."""
    plans = StudyPlan.objects.filter(plan_members__member=member).select_related("organization")
    if year:
        plans = plans.filter(year=year)
    found = list(_with_member_progress(plans, member).order_by("-year", "-id")[:10])
    for plan in found:
        plan.totals = PlanTotals(plan.readings_total, plan.lessons_total, plan.classes_total)
        plan.progress = MemberProgress(
            plan.readings_done, plan.lessons_done, plan.classes_done, plan.hours_done
        )
    return found


def _with_member_progress(plans: QuerySet[StudyPlan], member: Member) -> QuerySet[StudyPlan]:
    """Annotate each plan with its totals and ``member``'s progress: correlated subqueries."""
    through = {
        name: getattr(StudyPlan, name).through.objects.filter(studyplan=OuterRef(OuterRef("pk")))
        for name in ("readings", "lessons", "classes")
    }
    done = {
        "readings_done": ReadingConfirmation.objects.filter(
            member=member, year=OuterRef("year"), reading__in=through["readings"].values("reading")
        ),
        "lessons_done": LessonDelivery.objects.filter(
            member=member,
            completed_at__isnull=False,
            lesson__in=through["lessons"].values("lesson"),
        ),
        "classes_done": ClassInvitation.objects.filter(
            member=member,
            attendance=JOINED,
            training_class__in=through["classes"].values("trainingclass"),
        ),
    }
    totals = {
        f"{name}_total": getattr(StudyPlan, name).through.objects.filter(studyplan=OuterRef("pk"))
        for name in ("readings", "lessons", "classes")
    }
    hours = StudyCredit.objects.filter(member=member, year=OuterRef("year")).order_by()
    hours = hours.values("member").annotate(total=Sum("hours")).values("total")[:1]
    field = DecimalField(max_digits=6, decimal_places=1)
    return plans.annotate(
        **{name: _rows_count(rows) for name, rows in {**done, **totals}.items()},
        hours_done=Coalesce(Subquery(hours, output_field=field), Decimal(0), output_field=field),
    )


def _rows_count(rows: QuerySet) -> Coalesce:
    """How many ``rows`` there are, as a scalar subquery (COUNT without GROUP BY)."""
    counted = rows.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def member_plan_readings(*, member: Member, year: int) -> list[tuple[Reading, bool]]:
    """The readings of the member's plans of the year, each with whether it is confirmed."""
    readings = (
        Reading.objects.filter(studyplan__plan_members__member=member, studyplan__year=year)
        .distinct()
        .order_by("title", "id")
    )
    confirmed = set(
        ReadingConfirmation.objects.filter(member=member, year=year).values_list(
            "reading_id", flat=True
        )
    )
    return [(reading, reading.pk in confirmed) for reading in readings]


def member_year_hours(*, member: Member, year: int) -> Decimal:
    total = StudyCredit.objects.filter(member=member, year=year).aggregate(total=Sum("hours"))
    return total["total"] or Decimal(0)


def plans_without_progress(*, user: User, year: int) -> QuerySet[StudyPlan]:
    """The year's plans the user writes none of whose members has a study credit this year."""
    started = StudyCredit.objects.filter(
        year=year, member__study_plans__plan=OuterRef("pk")
    ).values("pk")
    plans = StudyPlan.objects.visible_to(user, for_write=True).filter(year=year)
    return plans.exclude(Exists(started))


def plans_count(*, user: User, year: int, cap: int = 99) -> int:
    """How many of the year's plans the user can see, counted up to ``cap`` + 1."""
    return len(StudyPlan.objects.visible_to(user).filter(year=year).values("pk")[: cap + 1])
