"""On the member's phone page: «我的诉求» with each request's status, due date and latest line;
a page to file a request, a page per request with its progress, and the feedback form on a
resolved one (members.links.registry).

The member sees the steps, hand-overs and their own lines of the timeline, never the
secretaries' notes. A request the member is not part of is the links' plain 404.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from members.links.registry import (
    ActionResult,
    Item,
    Section,
    link_action,
    link_page,
    page_url,
    section_provider,
)
from members.organizations.models import Organization
from services.cases import actions
from services.cases.models import CaseEvent, ServiceCase

FILE, FEEDBACK = "case_file", "case_feedback"
NEW_PAGE, CASE_PAGE = "case_new", "case"
MAX_ITEMS = 10
LINE_CHARS = 60  # a phone line's worth of the latest step
# What the member reads of the timeline: not the notes, departments or escalations.
MEMBER_KINDS = (CaseEvent.Kind.STEP, CaseEvent.Kind.HANDOVER, CaseEvent.Kind.MEMBER)


def member_cases(member):
    """The member's requests, newest first, each with its latest line the member may read
    (one query, whatever the number of requests)."""
    latest = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind__in=MEMBER_KINDS)
        .order_by("-at", "-id")
        .values("text")[:1]
    )
    return ServiceCase.objects.filter(case_members__member=member).annotate(
        latest_line=Subquery(latest)
    )


def _member_case(member, target_id: int) -> ServiceCase:
    case = ServiceCase.objects.filter(pk=target_id, case_members__member=member).first()
    if case is None:
        raise Http404
    return case


@section_provider
def cases_section(member, *, today) -> list[Section]:
    cases = list(member_cases(member)[:MAX_ITEMS])
    items = [_item(case) for case in cases]
    items.append(Item(title=_("Tell us what you need help with"), url=page_url(NEW_PAGE, 0)))
    return [Section(title=_("My requests"), items=tuple(items), order=50)]


def _item(case: ServiceCase) -> Item:
    detail = _("due %(date)s") % {"date": case.due_on.isoformat()}
    if case.latest_line:
        detail = f"{detail} · {Truncator(case.latest_line).chars(LINE_CHARS)}"
    return Item(
        title=case.title,
        detail=detail,
        status=case.get_status_display(),
        url=page_url(CASE_PAGE, case.pk),
    )


@link_page(NEW_PAGE)
def case_new_page(member, *, target_id, link, request):
    """The form to file a request: category, title, what happened."""
    context = {"categories": ServiceCase.Category.choices}
    return "services/cases/link_new.html", context


@link_page(CASE_PAGE)
def case_page(member, *, target_id, link, request):
    """One of the member's requests: its progress, and the feedback form once resolved."""
    case = _member_case(member, target_id)
    events = case.events.filter(kind__in=MEMBER_KINDS).select_related("member")
    context = {
        "case": case,
        "events": events,
        "organization": case.organization,
        "can_give_feedback": case.status == ServiceCase.Status.RESOLVED,
        "stars": range(1, 6),
    }
    return "services/cases/link_case.html", context


def handling_organization(member) -> Organization:
    """The branch hosting the member if taken in elsewhere, else the home branch."""
    if member.host_path:
        hosting = Organization.objects.filter(path=member.host_path).first()
        if hosting is not None:
            return hosting
    return member.organization


@link_action(FILE)
def case_file(member, *, target_id, data, link) -> ActionResult:
    case = actions.case_file(
        actor=None,
        by_member=member,
        organization=handling_organization(member),
        members=[member],
        category=data.get("category", ""),
        title=data.get("title", ""),
        description=data.get("description", ""),
        channel=ServiceCase.Channel.MEMBER,
    )
    return ActionResult(
        message=_("Your request is filed: %(organization)s will reply by %(date)s.")
        % {"organization": case.organization.name, "date": case.due_on.isoformat()},
        description=_("Filed the request “%(title)s”") % {"title": case.title},
        target=f"services.case:{case.pk}",
    )


@link_action(FEEDBACK)
def case_feedback(member, *, target_id, data, link) -> ActionResult:
    case = ServiceCase.objects.filter(pk=target_id, case_members__member=member).first()
    if case is None:
        raise PermissionDenied(_("This request is not yours."))
    if case.status != ServiceCase.Status.RESOLVED:
        raise ValidationError(_("This request is not waiting for your feedback."))
    try:
        satisfaction = int(data.get("satisfaction", ""))
    except ValueError:
        raise ValidationError(
            {"satisfaction": _("Choose how satisfied you are (1 to 5).")}
        ) from None
    actions.case_feedback(
        member=member, case=case, satisfaction=satisfaction, feedback=data.get("text", "")
    )
    return ActionResult(
        message=_("Thank you for your feedback."),
        description=_("Gave feedback on the request “%(title)s”: %(stars)d of 5")
        % {"title": case.title, "stars": satisfaction},
        target=f"services.case:{case.pk}",
    )
