"""The lessons on the member's phone page (指尖课堂), the lesson's own page, and "completed"."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from education.lessons import actions, selectors
from education.lessons.models import LessonDelivery
from members.links.registry import (
    ActionResult,
    Item,
    ItemAction,
    Section,
    link_action,
    link_page,
    page_url,
    section_provider,
)

COMPLETED = "lesson_completed"


@section_provider
def lessons_section(member, *, today) -> list[Section]:
    """The member's published lessons not yet completed; none, no section."""
    deliveries = selectors.member_lessons_to_study(member=member)
    if not deliveries:
        return []
    items = tuple(_item(delivery) for delivery in deliveries)
    return [Section(title=_("Lessons on the phone"), items=items, order=30)]


def _item(delivery) -> Item:
    lesson = delivery.lesson
    return Item(
        title=lesson.title,
        detail=f"{lesson.organization.name} · {timezone.localtime(lesson.published_at):%Y-%m-%d}",
        status=_("opened") if delivery.opened_at else _("new"),
        # Relative to the phone page /m/<token>/: the link's sub-page below.
        url=page_url("lesson", lesson.pk),
        actions=(ItemAction(name=COMPLETED, label=_("I have finished it"), target_id=lesson.pk),),
    )


@link_page("lesson")
def lesson_page(member, *, target_id, link, request):
    """The lesson's text for the member; the first opening is recorded. A lesson not sent to
    the member (or withdrawn) is a 404, the links' plain page."""
    try:
        delivery = actions.lesson_open(member=member, lesson_id=target_id)
    except LessonDelivery.DoesNotExist:
        raise Http404 from None
    lesson = delivery.lesson
    context = {
        "lesson": lesson,
        "delivery": delivery,
        "attachments": lesson.attachments.all(),
    }
    return "education/lessons/phone_lesson.html", context


@link_action(COMPLETED)
def lesson_completed(member, *, target_id, data, link) -> ActionResult:
    try:
        delivery = actions.lesson_complete(member=member, lesson_id=target_id)
    except LessonDelivery.DoesNotExist:
        raise PermissionDenied(_("This lesson is not on your page.")) from None
    lesson = delivery.lesson
    return ActionResult(
        message=_("Well done: “%(title)s” is recorded as completed (%(hours)s study hours).")
        % {"title": lesson.title, "hours": lesson.hours},
        description=_("Completed the lesson “%(title)s”") % {"title": lesson.title},
        target=f"education.lesson:{lesson.pk}",
    )
