"""Every write of service cases: filing, the workflow's steps, hand-over, notes, departments,
the member's feedback. Each locks the case, checks who may act, moves the declared workflow
(``services/cases/workflow.py``), keeps the case's history and writes its timeline."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup.selectors import managed_member_queryset
from members.organizations.models import Organization, User
from members.scoping import ensure_can_write
from members.workflow import lock
from services.cases.models import (
    CATEGORY_LIMITS,
    CaseDepartment,
    CaseEvent,
    CaseMember,
    ServiceCase,
)
from services.cases.notices import notify_filed, notify_handover, notify_resolved
from services.cases.selectors import case_can_write
from services.cases.workflow import CASE_WORKFLOW
from services.stations.models import ServiceStation
from services.workdays import add_working_days, validate_working_day

S = ServiceCase.Status
MAX_MEMBERS = 500


def due_date(category: str, filed_on: datetime.date) -> datetime.date:
    """The category's limit in working days, counted from the day after filing."""
    return add_working_days(filed_on, CATEGORY_LIMITS[category])


@transaction.atomic
def case_file(
    *,
    actor: User | None,
    organization: Organization,
    members: Sequence[Member],
    category: str,
    title: str,
    description: str,
    priority: str = ServiceCase.Priority.NORMAL,
    due_on: datetime.date | None = None,
    channel: str = ServiceCase.Channel.SECRETARY,
    station: ServiceStation | None = None,
    by_member: Member | None = None,
) -> ServiceCase:
    """File a case for one member or a group, handled by ``organization``.

    A secretary (``actor``) files for members they look after (at home or hosted), handled
    by an organisation they may write; a member filing on the phone page (``by_member``, no
    actor) files for themself.
    Without ``due_on`` the case is due after the category's limit in working days; a chosen
    due date must be a working day, not in the past.
    """
    members = _distinct(members)
    _check_filer(actor, organization, members, by_member)
    if category not in CATEGORY_LIMITS:
        raise ValidationError({"category": _("Choose a category.")})
    today = timezone.localdate()
    if due_on is None:
        due_on = due_date(category, today)
    else:
        _check_due(due_on, today)
    case = ServiceCase(
        title=title.strip(),
        description=description.strip(),
        category=category,
        priority=priority,
        channel=channel,
        organization=organization,
        handling_path=organization.path,
        station=station,
        due_on=due_on,
        filed_by=actor,
    )
    CASE_WORKFLOW.move(case, "file")
    case.full_clean(exclude=["organization", "station", "filed_by", "handler", "escalated_to"])
    case._history_user = actor
    case.save()
    CaseMember.objects.bulk_create(
        CaseMember(case=case, member=member, home_path=member.home_path) for member in members
    )
    names = "、".join(member.name for member in members[:5])
    if len(members) > 5:
        names = _("%(names)s and %(count)d others") % {"names": names, "count": len(members) - 5}
    _event(
        case,
        CaseEvent.Kind.STEP,
        _("Filed for %(members)s, due %(due)s.") % {"members": names, "due": due_on.isoformat()},
        actor=actor,
        member=by_member,
    )
    notify_filed(case, actor)
    return case


def _distinct(members: Sequence[Member]) -> list[Member]:
    seen, distinct = set(), []
    for member in members:
        if member.pk not in seen:
            seen.add(member.pk)
            distinct.append(member)
    if not distinct:
        raise ValidationError({"members": _("Name at least one member the request is about.")})
    if len(distinct) > MAX_MEMBERS:
        raise ValidationError(
            {"members": _("A request may concern at most %(max)d members.") % {"max": MAX_MEMBERS}}
        )
    return distinct


def _check_filer(actor, organization, members, by_member) -> None:
    if actor is None:
        if by_member is None or [m.pk for m in members] != [by_member.pk]:
            raise PermissionDenied(_("A member may file a request only for themself."))
        return
    ensure_can_write(actor, organization)
    readable = managed_member_queryset(user=actor).filter(pk__in=[m.pk for m in members])
    if readable.count() != len(members):
        raise ValidationError(
            {"members": _("Some of the chosen members are not members you look after.")}
        )


def _check_due(due_on: datetime.date, today: datetime.date) -> None:
    if due_on < today:
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    try:
        validate_working_day(due_on)
    except ValidationError as error:
        raise ValidationError({"due_on": error.messages}) from error


def _event(case, kind, text, *, actor=None, member=None) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, text=text, actor=actor, member=member)


def _locked(actor: User | None, case: ServiceCase) -> ServiceCase:
    case = lock(case, "organization")
    if actor is not None and not case_can_write(actor, case):
        raise PermissionDenied(_("Only the handling organisation may change this request."))
    return case


# What each step needs written, and where it goes on the case.
REQUIRED_TEXT = {
    "resolve": ("resolution", _("Say how the request was resolved.")),
    "decline": ("decline_reason", _("Give the reason for declining.")),
    "reopen": ("", _("Give the reason for reopening.")),
}


@transaction.atomic
def case_step(
    *,
    actor: User,
    case: ServiceCase,
    step: str,
    text: str = "",
    satisfaction: int | None = None,
) -> ServiceCase:
    """Take a handler's step of the workflow (accept, start, resolve, close, decline, reopen).

    Resolving needs the resolution, declining and reopening a reason; closing records the
    member's feedback (``text``) and satisfaction (1–5), as told to the secretary.
    """
    if step not in CASE_WORKFLOW or CASE_WORKFLOW[step].actor != "handler":
        raise ValidationError(_("This is not a step of a service request."))
    case = _locked(actor, case)
    text = text.strip()
    CASE_WORKFLOW.move(case, step)
    _apply(case, step, text, satisfaction, actor)
    case._history_user = actor
    case.save()
    _event(case, CaseEvent.Kind.STEP, _step_line(step, text), actor=actor)
    if step == "resolve":
        notify_resolved(case)
    return case


def _apply(case, step, text, satisfaction, actor) -> None:
    now = timezone.now()
    if step in REQUIRED_TEXT:
        field, message = REQUIRED_TEXT[step]
        if not text:
            raise ValidationError({field or "text": message})
        if field:
            setattr(case, field, text)
    if step == "accept":
        case.accepted_at = now
        case.handler = case.handler or actor
    elif step == "start":
        case.handler = case.handler or actor
    elif step == "resolve":
        case.resolved_at = now
    elif step == "close":
        _feedback(case, text, satisfaction)
    elif step == "reopen":
        case.resolved_at = case.closed_at = None


def _feedback(case: ServiceCase, feedback: str, satisfaction: int | None) -> None:
    if satisfaction not in (1, 2, 3, 4, 5):
        raise ValidationError({"satisfaction": _("Choose how satisfied the member is (1 to 5).")})
    case.feedback = feedback
    case.satisfaction = satisfaction
    case.closed_at = timezone.now()


def _step_line(step: str, text: str) -> str:
    label = str(CASE_WORKFLOW[step].label)
    return f"{label}：{text}" if text else label


@transaction.atomic
def case_feedback(*, member: Member, case: ServiceCase, satisfaction: int, feedback: str = ""):
    """The member's feedback on a resolved case, from the phone page: it closes the case."""
    case = _locked(None, case)
    if not case.case_members.filter(member=member).exists():
        raise PermissionDenied(_("This request is not yours."))
    CASE_WORKFLOW.move(case, "close")
    _feedback(case, feedback.strip(), satisfaction)
    case.save()
    line = _("Feedback from %(member)s: %(stars)d of 5. %(text)s") % {
        "member": member.name,
        "stars": satisfaction,
        "text": feedback.strip(),
    }
    _event(case, CaseEvent.Kind.MEMBER, line.strip(), member=member)
    return case


@transaction.atomic
def case_handover(
    *, actor: User, case: ServiceCase, organization: Organization, reason: str
) -> ServiceCase:
    """Hand the open case to another organisation, with the reason; its handler is cleared."""
    case = _locked(actor, case)
    reason = reason.strip()
    if not case.is_open:
        raise ValidationError(_("Only an open request can be handed over."))
    if organization.pk == case.organization_id:
        raise ValidationError({"organization": _("The request is already handled there.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for handing the request over.")})
    previous = case.organization
    case.organization, case.handling_path, case.handler = organization, organization.path, None
    case._history_user = actor
    case.save()
    line = _("Handed over from %(from)s to %(to)s: %(reason)s") % {
        "from": previous.name,
        "to": organization.name,
        "reason": reason,
    }
    event = _event(case, CaseEvent.Kind.HANDOVER, line, actor=actor)
    notify_handover(case, event, actor)
    return case


@transaction.atomic
def case_note(*, actor: User, case: ServiceCase, text: str) -> CaseEvent:
    """A note on the case's timeline (a call made, a meeting held)."""
    case = _locked(actor, case)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    return _event(case, CaseEvent.Kind.NOTE, text, actor=actor)


@transaction.atomic
def case_department_add(
    *, actor: User, case: ServiceCase, name: str, contact: str = "", asked_for: str = ""
) -> CaseDepartment:
    """Bring a department in (劳动监察大队, 司法所), saying what it was asked to do."""
    case = _locked(actor, case)
    if not case.is_open:
        raise ValidationError(_("Departments can be brought into an open request only."))
    department = CaseDepartment(
        case=case,
        name=name.strip(),
        contact=contact.strip(),
        asked_for=asked_for.strip(),
        added_by=actor,
    )
    department.full_clean(exclude=["case", "added_by"])
    department.save()
    line = department.name + (f"：{department.asked_for}" if department.asked_for else "")
    _event(case, CaseEvent.Kind.DEPARTMENT, line, actor=actor)
    return department


@transaction.atomic
def case_route_station(
    *, actor: User, case: ServiceCase, station: ServiceStation | None
) -> ServiceCase:
    """Route the open case to a service station where the members get help (or clear it)."""
    case = _locked(actor, case)
    if not case.is_open:
        raise ValidationError(_("Only an open request can be routed to a service station."))
    if station is not None and not station.active:
        raise ValidationError({"station": _("This service station is closed.")})
    if (station.pk if station else None) == case.station_id:
        raise ValidationError({"station": _("The request is already routed there.")})
    case.station = station
    case._history_user = actor
    case.save()
    if station is None:
        line = _("No longer routed to a service station.")
    else:
        line = _("Routed to the service station %(station)s.") % {"station": station.name}
    _event(case, CaseEvent.Kind.STEP, line, actor=actor)
    return case
