"""The member's phone page: the year's study plans, hours so far, and the reading list with
"我已读完" (members.links.registry). No daily check-in is asked: a member confirms a reading
once, when done, and the hours are credited once."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from education.hours.models import REQUIRED_HOURS_PER_YEAR
from education.plans import actions, selectors
from education.plans.models import Reading
from members.links.registry import (
    ActionResult,
    Item,
    ItemAction,
    Section,
    link_action,
    section_provider,
)

CONFIRM = "reading_confirmed"


@section_provider
def study_plan_section(member, *, today) -> list[Section]:
    plans = selectors.member_plans(member=member, year=today.year)
    if not plans:
        return []
    hours = selectors.member_year_hours(member=member, year=today.year)
    target = max([plan.target_hours for plan in plans] + [REQUIRED_HOURS_PER_YEAR])
    items = [
        Item(
            title=plan.title,
            detail=_("Target %(target)s study hours; made by %(organization)s")
            % {"target": plan.target_hours, "organization": plan.organization.name},
        )
        for plan in plans
    ]
    for reading, confirmed in selectors.member_plan_readings(member=member, year=today.year):
        items.append(_reading_item(reading, confirmed))
    summary = _("%(hours)s study hours this year (at least %(target)s asked)") % {
        "hours": f"{hours:.1f}",
        "target": target,
    }
    return [Section(title=_("Study plan"), items=tuple(items), summary=summary, order=20)]


def _reading_item(reading: Reading, confirmed: bool) -> Item:
    # No ``url``: an item's url is a page reached through the link (relative to the phone
    # page), and a reading's own link leads off the site.
    actions_ = () if confirmed else (ItemAction(CONFIRM, _("I have read it"), reading.pk),)
    return Item(
        title=str(reading),
        detail=" · ".join(
            part for part in (reading.author, _("%(hours)s h") % {"hours": reading.hours}) if part
        ),
        status=_("Read") if confirmed else _("To read"),
        actions=actions_,
    )


@link_action(CONFIRM)
def reading_confirmed(member, *, target_id, data, link) -> ActionResult:
    """The member says they have read a reading of this year's plan: confirmed and credited
    once; saying it again changes nothing."""
    year = timezone.localdate().year
    reading = Reading.objects.filter(
        pk=target_id, studyplan__plan_members__member=member, studyplan__year=year
    ).first()
    if reading is None:
        raise ValidationError(_("This reading is not on your study plan."))
    created = actions.reading_confirm(member=member, reading=reading, year=year, through_link=True)
    message = _("Thank you: the reading is recorded.") if created else _("Already recorded.")
    return ActionResult(
        message=message,
        description=_("Confirmed having read %(reading)s") % {"reading": reading},
        target=f"education.reading:{reading.pk}",
    )
