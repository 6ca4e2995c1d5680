"""The export of the sent messages list: what went to the members, when, how, and whether."""

from django.utils.translation import gettext_lazy as _

from members.downloads.registry import Column, ListExport, choice, filters_in_words, register
from members.outbox.forms import SentFilterForm
from members.outbox.models import Notification
from members.outbox.selectors import sent_messages


def sent_rows(*, user, params):
    """The sent list's rows: the same form, selector and order (newest first) as the page."""
    form = SentFilterForm(params or None)
    return sent_messages(user=user, **form.filters()).order_by("-id")


register(
    ListExport(
        name="sent_messages",
        title=_("Sent messages"),
        list_url="notifications:sent",
        rows=sent_rows,
        describe=lambda *, user, params: filters_in_words(SentFilterForm(params or None)),
        columns=[
            Column(_("Date sent"), lambda n: n.sent_at or n.created_at, width=17),
            Column(_("Recipient"), lambda n: n.recipient_member.name, width=12),
            Column(_("Kind"), lambda n: n.kind_label, width=16),
            Column(_("Sending channel"), choice(Notification, "channel"), width=10),
            Column(_("Message text"), lambda n: n.text, width=60),
            Column(_("Organisation"), lambda n: str(n.organization or ""), width=26),
            Column(_("Sent by"), lambda n: str(n.sender or ""), width=12),
            Column(_("Status"), choice(Notification, "status"), width=10),
            Column(_("Reason"), lambda n: n.last_error, width=30),
        ],
    )
)
