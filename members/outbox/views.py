"""Pages of the outbox: the user's in-app inbox."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from members.outbox.actions import inbox_mark_read
from members.outbox.selectors import inbox_page


@login_required
def inbox(request):
    """The user's in-app messages, newest first, keyset-paginated by id."""
    before = request.GET.get("before", "")
    notifications, next_before = inbox_page(
        user=request.user, before=int(before) if before.isdigit() else None
    )
    context = {"notifications": notifications, "next_before": next_before}
    return render(request, "members/outbox/inbox.html", context)


@login_required
@require_POST
def inbox_read(request, pk=None):
    inbox_mark_read(user=request.user, notification_id=pk)
    return redirect("notifications:inbox")
