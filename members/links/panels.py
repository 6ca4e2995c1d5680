"""The card "个人页面链接" on the member file: the member's links, the timeline of what they
did through them, and (for whoever may write the file) sending a new link and revoking."""

from members.files.panels import Panel, file_panel
from members.links import selectors
from members.links.forms import LinkIssueForm
from members.scoping import can_write

LINKS_SHOWN = 5


@file_panel
def links_panel(member, *, user, today) -> list[Panel]:
    context = {
        "member": member,
        "links": list(selectors.member_links(user=user, member=member)[:LINKS_SHOWN]),
        "events": selectors.member_link_events(user=user, member=member),
        "can_write": can_write(user, member),
        "form": LinkIssueForm(),
    }
    return [Panel("members/links/_card.html", context, order=50)]
