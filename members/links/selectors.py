"""Reads of personal links: opening a token (no user: the link is the key) and, for the
secretaries, a member's links and timeline through the one scoping path."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from members.files.models import Member
from members.links import tokens
from members.links.models import MEMBER_LINK, LinkEvent, MemberLink
from members.organizations.models import User
from members.outbox.models import Notification

# Why a token opens nothing; the page says the same for each, the status differs.
TAMPERED, UNKNOWN, REVOKED, EXPIRED = "tampered", "unknown", "revoked", "expired"
GONE_REASONS = frozenset({REVOKED, EXPIRED})  # 410: it was a link once; else 404
TIMELINE_SHOWN = 20


@dataclass(frozen=True)
class Opening:
    link: MemberLink | None
    reason: str = ""


def link_open(token: str, *, now: datetime.datetime | None = None) -> Opening:
    """The usable link a token names, or why there is none (tampered, unknown, revoked,
    expired). A token that is not signed by us costs no query."""
    try:
        link_id, secret = tokens.token_read(token)
    except signing.BadSignature:
        return Opening(None, TAMPERED)
    link = MemberLink.objects.select_related("member").filter(pk=link_id).first()
    if link is None or not constant_time_compare(link.secret_hash, tokens.secret_hash(secret)):
        return Opening(None, UNKNOWN)
    if link.revoked_at is not None:
        return Opening(None, REVOKED)
    if link.expires_at <= (now or timezone.now()):
        return Opening(None, EXPIRED)
    return Opening(link)


def link_queryset(*, user: User) -> QuerySet[MemberLink]:
    """Links of the members the user manages (home files and hosted members)."""
    return MemberLink.objects.visible_to(user).select_related("member", "created_by", "revoked_by")


def member_links(*, user: User, member: Member) -> QuerySet[MemberLink]:
    """The member's links, newest first, each with its SMS's status (``sms_status``)."""
    sms = Notification.objects.filter(
        kind=MEMBER_LINK,
        recipient_member=OuterRef("member_id"),
        occasion=_occasion_expression(),
    ).values("status")[:1]
    return (
        link_queryset(user=user)
        .filter(member=member)
        .annotate(sms_status=Subquery(sms))
        .order_by("-created_at", "-id")
    )


def _occasion_expression():
    return Concat(Value("link:"), Cast(OuterRef("pk"), CharField()))


def link_get(*, user: User, member: Member, pk: int) -> MemberLink:
    return link_queryset(user=user).get(member=member, pk=pk)


def member_link_events(
    *, user: User, member: Member, limit: int = TIMELINE_SHOWN
) -> list[LinkEvent]:
    """What the member did through links, newest first (the timeline shown on the file)."""
    return list(
        LinkEvent.objects.visible_to(user).filter(member=member).order_by("-at", "-id")[:limit]
    )


def link_occasion(link: MemberLink) -> str:
    """The outbox occasion of a link's SMS: one message per link."""
    return f"link:{link.pk}"
