"""What service cases tell people, through the one outbox (members.outbox).

The handling organisation's secretaries hear of a case filed for them by someone else (the
member on the phone page, or a secretary elsewhere) and of a case handed over to them; the
organisation a case is escalated to hears of it; the members hear that their request is
resolved. Each message's occasion names the case and the event, so it is written once.
Called inside the action's transaction: messages go out after commit.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from members.organizations.models import Organization, User
from members.organizations.selectors import HandlerBook
from members.outbox.actions import inbox_message, member_message, outbox_add
from members.outbox.texts import TemplateBook, render, signature
from services.cases.kinds import CASE_ESCALATED, CASE_FILED, CASE_HANDED_OVER, CASE_RESOLVED
from services.cases.models import CaseEvent, ServiceCase

NAMES_SHOWN = 3


def case_url(pk: int) -> str:
    """The secretaries' page of the case (built by hand until that page is routed)."""
    try:
        return reverse("services:cases:case_detail", args=[pk])
    except NoReverseMatch:
        return f"/services/cases/{int(pk)}/"


def member_names(case: ServiceCase) -> str:
    """The first few members' names, and how many in all for a group."""
    rows = list(case.case_members.order_by("pk").values_list("member__name", flat=True)[:4])
    if len(rows) <= NAMES_SHOWN:
        return "、".join(rows)
    total = case.case_members.count()
    return _("%(names)s and %(count)d others") % {
        "names": "、".join(rows[:NAMES_SHOWN]),
        "count": total - NAMES_SHOWN,
    }


def _inbox(case, kind, organization, occasion, users, *, sender=None) -> list[int]:
    if not users:
        return []
    text = render(
        TemplateBook(kind).text_for(organization.path),
        title=case.title,
        names=member_names(case),
        organization=organization.name,
        date=case.due_on.isoformat(),
    )
    messages = [
        inbox_message(
            kind=kind,
            user=user,
            occasion=occasion,
            text=text,
            organization=organization,
            sender=sender,
            link=case_url(case.pk),
        )
        for user in users
    ]
    return outbox_add(kind=kind, occasion=occasion, messages=messages)


def notify_filed(case: ServiceCase, actor: User | None) -> list[int]:
    """The handling organisation's secretaries, unless the filer is one of them."""
    users = HandlerBook().handlers(case.organization)
    if actor is not None and actor in users:
        return []
    occasion = f"case:{case.pk}:filed"
    return _inbox(case, CASE_FILED, case.organization, occasion, users, sender=actor)


def notify_handover(case: ServiceCase, event: CaseEvent, actor: User) -> list[int]:
    """The secretaries of the organisation the case was handed to (not the one handing)."""
    users = [u for u in HandlerBook().handlers(case.organization) if u != actor]
    occasion = f"case:{case.pk}:handover:{event.pk}"
    return _inbox(case, CASE_HANDED_OVER, case.organization, occasion, users, sender=actor)


def notify_escalated(
    case: ServiceCase, organization: Organization, level: int, book: HandlerBook
) -> list[int]:
    """The secretaries of the organisation above, once per case and level."""
    occasion = f"case:{case.pk}:escalation:{level}"
    return _inbox(case, CASE_ESCALATED, organization, occasion, book.handlers(organization))


def notify_resolved(case: ServiceCase) -> list[int]:
    """An SMS to each member: resolved, give your feedback on your phone page. A reopened case
    resolved again is announced again (the occasion names the moment)."""
    organization = case.organization
    signing = {
        "pk": organization.pk,
        "name": organization.name,
        "secretary_name": organization.secretary_name,
    }
    template = TemplateBook(CASE_RESOLVED).text_for(organization.path)
    occasion = f"case:{case.pk}:resolved:{case.resolved_at:%Y%m%d%H%M%S}"
    messages = []
    for member in case.members.order_by("pk").only("pk", "name", "phone"):
        text = render(template, name=member.name, title=case.title, signature=signature(signing))
        messages.append(
            member_message(
                kind=CASE_RESOLVED,
                member={"pk": member.pk, "name": member.name, "phone": member.phone},
                occasion=occasion,
                text=text,
                organization=signing,
            )
        )
    return outbox_add(kind=CASE_RESOLVED, occasion=occasion, messages=messages)
