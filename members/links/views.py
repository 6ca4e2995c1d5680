"""The member's phone page (public, reached through a personal link) and the secretaries'
two steps on the member file: send a new link, revoke one.

The public pages know the member only through the token: whoever holds it sees the member's
name and items, nobody sees anything of another member, and a bad token gets the same plain
page whatever was wrong with it. Every public answer is private (not cached, not indexed, no
referrer) and counted per client address and per link.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import get_usage

from members.files.selectors import member_get
from members.links import actions, selectors
from members.links.forms import LinkIssueForm
from members.links.registry import page_handler, sections_for
from members.scoping import can_write
from members.web import client_ip_key, get_or_404, too_many_requests

# Per client address: enough for a family or a workers' dormitory behind one address.
CLIENT_RATE = "120/m"
# Per client address, tokens that open nothing: too few to guess one, enough for a typo.
INVALID_RATE = "30/m"
PER_LINK_RATE = "60/m"  # one member tapping through their page
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    # The token must not reach other sites in a Referer. Not "no-referrer": with it browsers
    # send "Origin: null" with the page's own forms, which CSRF protection rightly refuses.
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
}


def _private(response: HttpResponse) -> HttpResponse:
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def _limited(request, group: str, rate: str, *, key=client_ip_key, increment=True):
    usage = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, retry_after=usage["time_left"])
    return None


def _invalid(request, reason: str) -> HttpResponse:
    status = 410 if reason in selectors.GONE_REASONS else 404
    return render(request, "members/links/invalid.html", status=status)


def through_link(view):
    """Open the token (or answer with the plain page, 429 when counted out); the view gets
    the usable link. Always in Chinese: the member is addressed as in the SMS."""

    @wraps(view)
    def wrapper(request, token: str, **kwargs):
        with translation.override("zh-hans"):
            return _private(_through_link(view, request, token, **kwargs))

    return wrapper


def _through_link(view, request, token: str, **kwargs) -> HttpResponse:
    refused = _limited(request, "links:client", CLIENT_RATE) or _limited(
        request, "links:invalid", INVALID_RATE, increment=False
    )
    if refused:
        return refused
    opening = selectors.link_open(token)
    if opening.link is None:
        return _limited(request, "links:invalid", INVALID_RATE) or _invalid(request, opening.reason)
    link = opening.link
    refused = _limited(request, "links:link", PER_LINK_RATE, key=lambda *_: str(link.pk))
    if refused:
        return refused
    actions.link_touch(link=link)
    request.link_home = reverse("links:home", args=[token])
    try:
        return view(request, link, **kwargs)
    except Http404:  # an item that is not the member's: the same plain page, kept private
        return _invalid(request, selectors.UNKNOWN)


def _context(request, link, **extra) -> dict:
    home = request.link_home
    return {"member": link.member, "home_url": home, "action_url": f"{home}do/", **extra}


@require_GET
@through_link
def link_home(request, link):
    """The phone page: the member's name and the items every topic gives them."""
    sections = sections_for(link.member, today=timezone.localdate())
    return render(request, "members/links/home.html", _context(request, link, sections=sections))


@require_POST
@through_link
def link_do(request, link, action: str, target_id: int):
    """A button of an item: the registered handler does it, the timeline keeps it."""
    data = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    try:
        result = actions.link_act(link=link, name=action, target_id=target_id, data=data)
    except actions.LinkClosed:
        return _invalid(request, selectors.REVOKED)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, result.message)
    return redirect(request.link_home)


def _first_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return error.messages[0]
    return str(error) or _("This cannot be done through your link.")


@require_GET
@through_link
def link_page(request, link, page: str, target_id: int):
    """A page of one item (a lesson's text), from the topic that registered it."""
    handler = page_handler(page)
    if handler is None:
        raise Http404
    answer = handler(link.member, target_id=target_id, link=link, request=request)
    if isinstance(answer, HttpResponse):
        return answer
    template, context = answer
    return render(request, template, _context(request, link) | context)


# --- The secretaries' steps (the card itself is a panel of the member file) ---------------


def _writable_member(request, member_pk: int):
    member = get_or_404(member_get, user=request.user, pk=member_pk)
    if not can_write(request.user, member):
        raise PermissionDenied
    return member


@login_required
@require_POST
def link_issue(request, member_pk: int):
    member = _writable_member(request, member_pk)
    form = LinkIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(_card_url(member))
    try:
        # The link itself is never shown here: it goes to the member's phone only.
        actions.link_issue(actor=request.user, member=member, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_card_url(member))
    if member.phone:
        text = _("A new personal link was sent to %(name)s by SMS; older links no longer work.")
        messages.success(request, text % {"name": member.name})
    else:
        text = _("The link was made but not sent: %(name)s has no mobile phone number on file.")
        messages.warning(request, text % {"name": member.name})
    return redirect(_card_url(member))


@login_required
@require_POST
def link_revoke(request, member_pk: int, pk: int):
    member = _writable_member(request, member_pk)
    link = get_or_404(selectors.link_get, user=request.user, member=member, pk=pk)
    actions.link_revoke(actor=request.user, link=link)
    messages.success(request, _("The link no longer works."))
    return redirect(_card_url(member))


def _card_url(member) -> str:
    return f"{member.get_absolute_url()}#member-links"
