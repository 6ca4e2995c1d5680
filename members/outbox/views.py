"""Pages of the outbox: the user's in-app inbox, and the messages sent to members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.api_fields import query_id
from members.outbox.actions import inbox_mark_read, notification_resend
from members.outbox.forms import SentFilterForm
from members.outbox.selectors import (
    inbox_page,
    notification_queryset,
    resendable_ids,
    sent_messages,
)
from members.pagination import keyset_page
from members.web import get_or_404, page_size


@login_required
def inbox(request):
    """The user's in-app messages, newest first, keyset-paginated by id."""
    before = request.GET.get("before", "")
    notifications, next_before = inbox_page(user=request.user, before=query_id(before))
    context = {"notifications": notifications, "next_before": next_before}
    return render(request, "members/outbox/inbox.html", context)


@login_required
@require_POST
def inbox_read(request, pk=None):
    inbox_mark_read(user=request.user, notification_id=pk)
    return redirect("notifications:inbox")


@login_required
def sent(request):
    """What was sent to the members in the user's organisations: to whom, when, how, and
    whether it arrived; keyset-paginated by id (no count of a table that grows daily)."""
    form = SentFilterForm(request.GET or None)
    rows = sent_messages(user=request.user, **form.filters())
    page = keyset_page(
        rows, order=("-id",), cursor=request.GET.get("cursor", ""), size=page_size(request)
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "form": form,
        "page": page,
        "resendable": resendable_ids(user=request.user, ids=[row.pk for row in page.items]),
        "query": query.urlencode(),
    }
    return render(request, "members/outbox/sent.html", context)


@login_required
@require_POST
def resend(request, pk: int):
    notification = get_or_404(
        lambda **kw: notification_queryset(**kw).get(pk=pk), user=request.user
    )
    try:
        notification_resend(actor=request.user, notification=notification)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The message to %(name)s is being sent again.")
            % {"name": notification.recipient_member or notification.recipient_user},
        )
    return redirect("notifications:sent")
