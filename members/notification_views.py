"""Pages of the outbox: the user's inbox and a secretary's message to members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Notification, Organization
from members.notification_forms import MemberMessageForm
from members.notifications import (
    inbox_mark_read,
    member_message_recipients,
    member_message_send,
    signature,
)
from members.notifications import (
    render as render_text,
)

PAGE_SIZE = 20


@login_required
def inbox(request):
    """The user's in-app messages, newest first, keyset-paginated by id."""
    rows = Notification.objects.inbox_of(request.user).order_by("-pk")
    before = request.GET.get("before", "")
    if before.isdigit():
        rows = rows.filter(pk__lt=int(before))
    page = list(rows.only("pk", "kind", "text", "created_at", "read_at", "link")[: PAGE_SIZE + 1])
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    return render(request, "members/inbox.html", {
        "notifications": page, "next_before": page[-1].pk if more else None,
    })  # fmt: skip


@login_required
@require_POST
def inbox_read(request, pk=None):
    inbox_mark_read(user=request.user, notification_id=pk)
    return redirect("notifications:inbox")


@login_required
def member_message(request):
    """Filter members, preview how many get the message, then queue it in the outbox."""
    _ensure_writer(request.user)
    form = MemberMessageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "confirm" in request.POST:
            count = member_message_send(actor=request.user, **data)
            messages.success(request, _("%(count)d messages queued.") % {"count": count})
            return redirect("notifications:member_message")
        return render(request, "members/member_message.html", {
            "form": form, "preview": _preview(request.user, data),
        })  # fmt: skip
    return render(request, "members/member_message.html", {"form": form})


def _ensure_writer(user) -> None:
    if not user.is_superuser and not user.assignments.exists():
        raise Http404
    if not Organization.objects.visible_to(user, for_write=True).exists():
        raise PermissionDenied


def _preview(user, data) -> dict:
    recipients = member_message_recipients(
        actor=user, organization=data["organization"], status=data["status"],
        audience=data["audience"],
    )  # fmt: skip
    first = recipients.select_related("organization").order_by("pk").first()
    sample = ""
    if first is not None:
        signing = first.organization
        if not signing.is_within(data["organization"]):  # taken in here: the sender signs
            signing = data["organization"]
        org = {"name": signing.name, "secretary_name": signing.secretary_name}
        sample = render_text(
            data["text"], name=first.name, organization=org["name"],
            secretary=org["secretary_name"], signature=signature(org),
        )  # fmt: skip
    return {
        "count": recipients.count(),
        "without_phone": recipients.filter(phone="").count(),
        "sample": sample,
    }
