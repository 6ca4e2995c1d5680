"""The lessons on the member's phone page (指尖课堂), the lesson's own page, and "completed"."""

from django.utils import timezone
from django.utils.translation import gettext as _

from education.lessons import actions, selectors
from members.links.pages import link_page
from members.links.registry import (
    ActionResult,
    Item,
    ItemAction,
    Section,
    link_action,
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
        url=f"lesson/{lesson.pk}/",
        actions=(ItemAction(name=COMPLETED, label=_("I have finished it"), target_id=lesson.pk),),
    )


@link_page("lesson")
def lesson_page(member, *, target_id, link, request):
    """The lesson's text for the member; the first opening is recorded."""
    delivery = actions.lesson_open(member=member, lesson_id=target_id)
    lesson = delivery.lesson
    context = {"lesson": lesson, "delivery": delivery, "attachments": lesson.attachments.all()}
    return "education/lessons/phone_lesson.html", context


@link_action(COMPLETED)
def lesson_completed(member, *, target_id, data, link) -> ActionResult:
    delivery = actions.lesson_complete(member=member, lesson_id=target_id)
    lesson = delivery.lesson
    return ActionResult(
        message=_("Well done: “%(title)s” is recorded as completed (%(hours)s study hours).")
        % {"title": lesson.title, "hours": lesson.hours},
        description=_("Completed the lesson “%(title)s”") % {"title": lesson.title},
        target=f"education.lesson:{lesson.pk}",
    )
