"""Writes of personal links: issue (and send by SMS), revoke, note an opening, and what a
member does through a link (dispatched to the registered handler, put on their timeline).

One live link per member: issuing a new one revokes the older ones, so a secretary never has
to ask which of several links a member still holds, and a lost phone's link dies with the
next one sent. The link is shown to nobody after it is made: it goes by SMS to the member's
own phone, and the card on the file says when it was sent, never what it was.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.links import tokens
from members.links.models import MEMBER_LINK, LinkEvent, MemberLink
from members.links.registry import ActionResult, action_handler
from members.links.selectors import link_occasion
from members.organizations.models import User
from members.outbox.actions import member_message, outbox_add
from members.outbox.texts import TemplateBook, render
from members.scoping import ensure_can_write
from members.workflow import lock

DEFAULT_DAYS, MAX_DAYS = 30, 90
# An opening is noted at most once a minute: a member reading the page costs no write.
TOUCH_EVERY = datetime.timedelta(minutes=1)


class LinkClosed(Exception):
    """The link was revoked or expired while the member was using it."""


@dataclass(frozen=True)
class IssuedLink:
    """A new link and its path (``/m/<token>/``): the path is never stored or shown again."""

    link: MemberLink
    path: str

    @property
    def url(self) -> str:
        return settings.SITE_URL + self.path

    def __str__(self) -> str:
        return self.path


@transaction.atomic
def link_issue(*, actor: User, member: Member, days: int = DEFAULT_DAYS) -> IssuedLink:
    """Make the member's new personal link, revoke the older ones and send it by SMS."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("Between 1 and %(max)d days.") % {"max": MAX_DAYS}})
    member = lock(member, "organization")  # two secretaries at once still leave one link
    ensure_can_write(actor, member)
    now = timezone.now()
    member.links.usable(now).update(revoked_at=now, revoked_by=actor)
    secret = tokens.new_secret()
    link = MemberLink.objects.create(
        member=member,
        secret_hash=tokens.secret_hash(secret),
        expires_at=now + datetime.timedelta(days=days),
        created_by=actor,
    )
    issued = IssuedLink(link, reverse("links:home", args=[tokens.token_make(link.pk, secret)]))
    _send(issued, actor=actor, days=days)
    return issued


def _send(issued: IssuedLink, *, actor: User, days: int) -> None:
    member = issued.link.member
    organization = member.organization
    template = TemplateBook(MEMBER_LINK).text_for(organization.path)
    message = member_message(
        kind=MEMBER_LINK,
        member={"pk": member.pk, "phone": member.phone},
        occasion=link_occasion(issued.link),
        text=link_text(template, name=member.name, days=days, url=issued.url),
        organization={"pk": organization.pk},
        sender=actor,
    )
    outbox_add(kind=MEMBER_LINK, occasion=message.occasion, messages=[message])


def link_text(template: str, *, name: str, days: int, url: str) -> str:
    """The SMS: the template filled in, the URL whole (values are otherwise cut at 100
    characters) and added at the end if an organisation's own text forgot it."""
    parts = [render(part, name=name, days=days) for part in template.split("{url}")]
    text = f" {url} ".join(parts).strip()
    return text if url in text else f"{text} {url}".strip()


@transaction.atomic
def link_revoke(*, actor: User, link: MemberLink) -> MemberLink:
    """End a link now; revoking one already ended changes nothing."""
    link = lock(link, "member")
    ensure_can_write(actor, link.member)
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), actor
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def link_touch(*, link: MemberLink, now: datetime.datetime | None = None) -> bool:
    """Note that the link was opened, unless that was noted within the last minute."""
    now = now or timezone.now()
    if link.last_used_at is not None and now - link.last_used_at < TOUCH_EVERY:
        return False
    MemberLink.objects.filter(pk=link.pk).update(last_used_at=now)
    link.last_used_at = now
    return True


@transaction.atomic
def link_act(*, link: MemberLink, name: str, target_id: int, data: dict) -> ActionResult:
    """Do what the member asked through the link and put it on their timeline.

    ``Http404`` for an action nobody registered; the handler's ``ValidationError`` or
    ``PermissionDenied`` (the object is not theirs, or not now) changes nothing.
    """
    handler = action_handler(name)
    if handler is None:
        raise Http404
    link = lock(link, "member")
    if not link.is_usable():
        raise LinkClosed
    result = handler(link.member, target_id=target_id, data=data, link=link)
    LinkEvent.objects.create(
        member=link.member,
        link=link,
        action=name,
        target=result.target[:100],
        description=str(result.description)[:300],
    )
    return result
