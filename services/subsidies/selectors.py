"""Scoped reads of hardship subsidies, and the one answer to each question of who may do what.

Reading follows the member (home and hosting subtrees); the applying side is the applying
branch's subtree, the deciding side the subtree of the organisation above it.
"""

from decimal import Decimal

from django.db.models import QuerySet, Sum

from members.files.models import Member
from members.organizations.models import Organization, User
from members.scoping import scope_paths, subtree_q, within
from members.workflow import Transition
from services.subsidies.models import SubsidyApplication
from services.subsidies.workflow import APPLICANT, GRANTED, SUBSIDY_WORKFLOW

S = SubsidyApplication.Status
MINE, TO_APPROVE = "mine", "to_approve"
SUBSIDY_ORDER = ("-submitted_at", "-id")  # the list's order: its page, export and API


def subsidy_queryset(*, user: User) -> QuerySet[SubsidyApplication]:
    return SubsidyApplication.objects.visible_to(user).select_related(
        "member", "organization", "approver", "submitted_by", "decided_by"
    )


def subsidy_get(*, user: User, pk: int) -> SubsidyApplication:
    return subsidy_queryset(user=user).get(pk=pk)


def _write_paths(user: User) -> list[str] | None:
    return scope_paths(user, for_write=True)


def awaiting_approval(*, user: User) -> QuerySet[SubsidyApplication]:
    """Applications the user may decide now (``can_decide``'s rule, as a query)."""
    paths = _write_paths(user)
    rows = SubsidyApplication.objects.filter(status=S.SUBMITTED).exclude(submitted_by=user)
    return rows if paths is None else rows.filter(subtree_q(paths, "approver_path"))


def subsidy_list(
    *, user: User, box: str = "", year: int | None = None, status: str = ""
) -> QuerySet[SubsidyApplication]:
    """``mine``: applied by the user's organisations; ``to_approve``: awaiting the user's
    decision; else all the user may read. Narrowed by year and status, newest first."""
    rows = subsidy_queryset(user=user)
    paths = _write_paths(user)
    if box == TO_APPROVE:
        rows = rows.filter(pk__in=awaiting_approval(user=user).values("pk"))
    elif box == MINE and paths is not None:
        rows = rows.filter(subtree_q(paths, "organization__path"))
    if year:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by(*SUBSIDY_ORDER)


def applying_organization(*, user: User, member: Member) -> Organization | None:
    """The branch applying for the member: the home one if the user writes it, else the
    hosting one (a mobile branch caring for a member from elsewhere)."""
    paths = _write_paths(user)
    if paths is not None and paths == []:
        return None
    if within(member.home_path, paths):
        return member.organization
    if member.host_path and within(member.host_path, paths):
        return Organization.objects.filter(path=member.host_path).first()
    return None


def is_applicant_side(user: User, application: SubsidyApplication) -> bool:
    """A writer of the applying branch (or above it)."""
    return within(application.organization.path, _write_paths(user))


def is_approver(user: User, application: SubsidyApplication) -> bool:
    """A writer of the deciding organisation (or above it)."""
    return within(application.approver_path, _write_paths(user))


def can_decide(user: User, application: SubsidyApplication) -> bool:
    """Approve or decline: the deciding side, but never whoever applied."""
    return is_approver(user, application) and application.submitted_by_id != user.pk


def can_step(user: User, application: SubsidyApplication, step: str) -> bool:
    """May the user take this step (whatever the status)?"""
    if step in ("approve", "decline"):
        return can_decide(user, application)
    if step == "pay":
        return is_approver(user, application)
    return SUBSIDY_WORKFLOW[step].actor == APPLICANT and is_applicant_side(user, application)


def allowed_steps(user: User, application: SubsidyApplication) -> list[Transition]:
    """The steps the page offers: allowed from the status, and to this user."""
    return [
        t
        for t in SUBSIDY_WORKFLOW.allowed(application.status)
        if can_step(user, application, t.name)
    ]


def can_attach(user: User, application: SubsidyApplication) -> bool:
    """Papers are added by the applying side while the application waits."""
    return application.status == S.SUBMITTED and is_applicant_side(user, application)


def member_year_totals(member: Member) -> list[tuple[int, Decimal]]:
    """Each year's granted amount for the member, newest year first."""
    rows = (
        SubsidyApplication.objects.filter(member=member, status__in=GRANTED)
        .values("year")
        .annotate(total=Sum("amount"))
        .order_by("-year")
    )
    return [(row["year"], row["total"]) for row in rows]


def member_subsidies(*, user: User, member: Member) -> QuerySet[SubsidyApplication]:
    return subsidy_queryset(user=user).filter(member=member)


def attachment_get(*, user: User, application_pk: int, pk: int):
    application = subsidy_get(user=user, pk=application_pk)
    return application.attachments.get(pk=pk)
