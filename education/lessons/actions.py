"""Lessons (指尖课堂): every write — drafts, attachments, publishing, reminders, reading.

A lesson moves draft → published → withdrawn (``LESSON_FLOW``). Publishing writes one delivery
per member of the chosen group and one SMS each, set-based and in batches, so a city-wide
lesson costs a few statements per thousand members and flat memory. Reminders go to members
who have not opened it, at most once per member per lesson per day.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from education.audience import Audience, audience_members
from education.bulk import insert_per_member
from education.hours.actions import Source, hours_credit
from education.lessons.models import Lesson, LessonAttachment, LessonDelivery
from education.messages import send_per_member
from education.reach import reach_add
from members.files.models import Member
from members.organizations.models import Organization, User
from members.outbox.kinds import register
from members.scoping import ensure_can_write
from members.uploads import attachment_check
from members.workflow import NEW, Transition, Workflow, lock

Status = Lesson.Status
LESSON_FIELDS = {"title", "body", "image", "video_url", "hours"}
BATCH = 2000

PUBLISHED_KIND = register(
    "lesson_published",
    gettext_lazy("Lesson published"),
    default_text="{name}同志：{organization}推送了新课程《{title}》，请在个人页面学习。",
)
REMINDER_KIND = register(
    "lesson_reminder",
    gettext_lazy("Lesson reminder"),
    default_text="{name}同志：{organization}推送的课程《{title}》您还未学习，请在个人页面学习。",
)

LESSON_FLOW = Workflow(
    Transition("create", frozenset({NEW}), Status.DRAFT, "owner", gettext_lazy("Create")),
    Transition(
        "publish", frozenset({Status.DRAFT}), Status.PUBLISHED, "owner", gettext_lazy("Publish")
    ),
    Transition(
        "withdraw",
        frozenset({Status.PUBLISHED}),
        Status.WITHDRAWN,
        "owner",
        gettext_lazy("Withdraw"),
    ),
)


# --- Drafts ---------------------------------------------------------------------------------


@transaction.atomic
def lesson_create(*, actor: User, organization: Organization, **fields: Any) -> Lesson:
    """A draft lesson of the organisation (a writer of it only)."""
    ensure_can_write(actor, organization)
    _check_fields(fields)
    lesson = Lesson(organization=organization, created_by=actor, **fields)
    LESSON_FLOW.move(lesson, "create")
    _validate_and_save(lesson)
    return lesson


@transaction.atomic
def lesson_update(*, actor: User, lesson: Lesson, **fields: Any) -> Lesson:
    """Change a draft; what members already received stays as it was sent."""
    lesson = _writable_draft(actor, lesson)
    _check_fields(fields)
    for name, value in fields.items():
        setattr(lesson, name, value)
    _validate_and_save(lesson)
    return lesson


@transaction.atomic
def lesson_attachment_add(*, actor: User, lesson: Lesson, upload: UploadedFile) -> LessonAttachment:
    """Attach a file to a draft after checking its extension, real type and size."""
    lesson = _writable_draft(actor, lesson)
    file_type = attachment_check(upload)
    return LessonAttachment.objects.create(
        lesson=lesson,
        file=upload,
        name=(upload.name or "")[:200],
        content_type=file_type.content_type,
        size=upload.size,
    )


@transaction.atomic
def lesson_attachment_remove(*, actor: User, attachment: LessonAttachment) -> None:
    _writable_draft(actor, attachment.lesson)
    attachment.file.delete(save=False)
    attachment.delete()


def lesson_steps(actor: User, lesson: Lesson, *, writable: bool) -> list[str]:
    """The steps a writer may take now, for the page's buttons (the workflow's table)."""
    if not writable:
        return []
    steps = [t.name for t in LESSON_FLOW.allowed(lesson.status)]
    if lesson.status == Status.DRAFT:
        steps.append("edit")
    if lesson.status == Status.PUBLISHED:
        steps.append("remind")
    return steps


# --- Publishing -----------------------------------------------------------------------------


@transaction.atomic
def lesson_publish(*, actor: User, lesson: Lesson, audience: Audience) -> int:
    """Send the lesson to every member of the group: a delivery and an SMS each, once.

    Returns how many members it was sent to. ``PermissionDenied`` for a group outside the
    actor's write scope, ``TransitionError`` unless the lesson is a draft.
    """
    lesson = lock(lesson, "organization")
    ensure_can_write(actor, lesson)
    members = audience_members(user=actor, audience=audience)
    LESSON_FLOW.move(lesson, "publish")
    lesson.audience = _stored_label(audience)
    lesson.published_at = timezone.now()
    lesson.save(update_fields=["status", "audience", "published_at"])
    count = insert_per_member(LessonDelivery, members, lesson=lesson.pk)
    reach_add(lesson, members)
    _send(lesson, PUBLISHED_KIND, f"lesson:{lesson.pk}", lesson.deliveries.all(), actor)
    return count


@transaction.atomic
def lesson_withdraw(*, actor: User, lesson: Lesson) -> Lesson:
    """Take a published lesson off members' phone pages (what they studied stays credited)."""
    lesson = lock(lesson, "organization")
    ensure_can_write(actor, lesson)
    LESSON_FLOW.move(lesson, "withdraw")
    lesson.save(update_fields=["status"])
    return lesson


@transaction.atomic
def lesson_remind(
    *,
    actor: User,
    lesson: Lesson,
    member_ids: Iterable[int] | None = None,
    today: datetime.date | None = None,
) -> int:
    """Remind those who have not opened the lesson (all, or the chosen ones) by SMS.

    A member reminded today is not reminded again today; return how many were reminded.
    """
    lesson = lock(lesson, "organization")
    ensure_can_write(actor, lesson)
    if lesson.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published lesson can be reminded of."))
    today = today or timezone.localdate()
    due = lesson_reminder_due(actor=actor, lesson=lesson, today=today)
    if member_ids is not None:
        due = due.filter(member_id__in=list(member_ids))
    occasion = f"lesson:{lesson.pk}:remind:{today.isoformat()}"
    total, last = 0, 0
    while ids := list(due.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]):
        batch = LessonDelivery.objects.filter(pk__in=ids)
        batch.update(last_reminded_on=today)
        _send(lesson, REMINDER_KIND, occasion, batch, actor)
        total, last = total + len(ids), ids[-1]
    return total


def lesson_reminder_due(
    *, actor: User, lesson: Lesson, today: datetime.date
) -> QuerySet[LessonDelivery]:
    """Deliveries of members the actor manages who have not opened it nor been reminded today."""
    return (
        LessonDelivery.objects.visible_to(actor, for_write=True)
        .filter(lesson=lesson, opened_at__isnull=True)
        .exclude(last_reminded_on__gte=today)
    )


def _send(lesson: Lesson, kind, occasion: str, deliveries, actor: User) -> None:
    """An SMS per delivery (see ``education.messages``)."""
    send_per_member(
        kind=kind,
        occasion=occasion,
        organization=lesson.organization,
        member_ids=deliveries.values("member_id"),
        actor=actor,
        title=lesson.title,
    )


def _stored_label(audience: Audience) -> str:
    # Stored words are Chinese whatever the secretary's language, like the messages.
    with translation.override("zh-hans"):
        return audience.label()[:200]


# --- What the member does through the link --------------------------------------------------


def lesson_delivery_for(*, member: Member, lesson_id: int) -> LessonDelivery:
    """The member's own delivery of a published lesson, or ``LessonDelivery.DoesNotExist``."""
    return LessonDelivery.objects.select_related("lesson", "lesson__organization").get(
        member=member, lesson_id=lesson_id, lesson__status=Status.PUBLISHED
    )


def lesson_open(*, member: Member, lesson_id: int) -> LessonDelivery:
    """Record the first opening (later openings change nothing)."""
    delivery = lesson_delivery_for(member=member, lesson_id=lesson_id)
    if delivery.opened_at is None:
        now = timezone.now()
        LessonDelivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(opened_at=now)
        delivery.opened_at = now
    return delivery


@transaction.atomic
def lesson_complete(
    *, member: Member, lesson_id: int, today: datetime.date | None = None
) -> LessonDelivery:
    """Record that the member finished the lesson and credit its hours, once."""
    delivery = lock(lesson_delivery_for(member=member, lesson_id=lesson_id), "lesson")
    if delivery.completed_at is not None:
        return delivery
    now = timezone.now()
    delivery.opened_at = delivery.opened_at or now
    delivery.completed_at = now
    delivery.save(update_fields=["opened_at", "completed_at"])
    lesson = delivery.lesson
    if lesson.hours > Decimal(0):
        hours_credit(
            member_ids=[member.pk],
            source=Source.LESSON,
            source_id=lesson.pk,
            hours=lesson.hours,
            studied_on=today or timezone.localdate(),
            description=lesson.title,
        )
    return delivery


# --- Helpers --------------------------------------------------------------------------------


def _writable_draft(actor: User, lesson: Lesson) -> Lesson:
    lesson = lock(lesson, "organization")
    ensure_can_write(actor, lesson)
    if lesson.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this lesson was published."))
    return lesson


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = fields.keys() - LESSON_FIELDS
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")


def _validate_and_save(lesson: Lesson) -> None:
    lesson.full_clean(exclude=["organization", "created_by"])
    lesson.save()
