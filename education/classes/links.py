"""The member's upcoming online classes on the phone page (云课堂): time and meeting link."""

from django.utils import timezone
from django.utils.translation import gettext as _

from education.classes.selectors import member_upcoming_classes
from members.links.registry import Item, Section, section_provider


@section_provider
def classes_section(member, *, today) -> list[Section]:
    invitations = member_upcoming_classes(member=member)
    if not invitations:
        return []
    return [Section(title=_("Online classes"), items=tuple(map(_item, invitations)), order=40)]


def _item(invitation) -> Item:
    training_class = invitation.training_class
    when = timezone.localtime(training_class.starts_at)
    return Item(
        title=training_class.title,
        detail=f"{when:%Y-%m-%d %H:%M} · {training_class.organization.name}",
        status=_("invited"),
        # The meeting itself: the platform's link, opened from the phone.
        url=training_class.meeting_link,
    )
