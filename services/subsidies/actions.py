"""Every write of hardship subsidies: apply, the decision's steps, the supporting papers.

Each step locks the application, checks who takes it (``selectors.can_step``), moves it
through the declared workflow and keeps its history; a decision is told to the applying
branch's secretaries in their inbox.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.models import Member
from members.organizations.models import Organization, User
from members.organizations.selectors import organization_handlers
from members.outbox.actions import inbox_message, outbox_add
from members.uploads import allowed_only, attachment_check
from members.workflow import lock
from services.subsidies import selectors
from services.subsidies.kinds import DECISION
from services.subsidies.models import SubsidyApplication, SubsidyAttachment
from services.subsidies.workflow import SUBSIDY_WORKFLOW

PAPERS = allowed_only("pdf", "jpg", "jpeg", "png", "doc", "docx")
MAX_AMOUNT = Decimal("9999999.99")


def amount_check(amount) -> Decimal:
    """The amount in yuan: more than zero, at most two decimals (fen)."""
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": _("Give the amount in yuan, e.g. 800.00.")}) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero yuan.")})
    if value.as_tuple().exponent < -2:
        raise ValidationError({"amount": _("Give the amount with at most two decimals (fen).")})
    if value > MAX_AMOUNT:
        raise ValidationError({"amount": _("The amount is too large.")})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def subsidy_apply(
    *,
    actor: User,
    member: Member,
    reason: str,
    amount,
    year: int | None = None,
    files: tuple[UploadedFile, ...] = (),
) -> SubsidyApplication:
    """The member's branch (home, or hosting) applies; the organisation above it decides."""
    # Read afresh: the paths are kept by the record actions, not on instances held elsewhere.
    member = Member.objects.select_related("organization").get(pk=member.pk)
    organization = selectors.applying_organization(user=actor, member=member)
    if organization is None:
        raise PermissionDenied(_("You may not apply for this member."))
    approver = Organization.objects.get_parent(organization)
    if approver is None:
        raise ValidationError(_("No organisation above yours can decide this application."))
    errors = {}
    try:
        amount = amount_check(amount)
    except ValidationError as error:
        errors.update(error.message_dict)
    reason = reason.strip()
    if not reason:
        errors["reason"] = [_("Say why the member needs the subsidy.")]
    for upload in files:
        try:
            attachment_check(upload, PAPERS)
        except ValidationError as error:
            errors.setdefault("file", []).extend(error.message_dict["file"])
    if errors:
        raise ValidationError(errors)
    application = SubsidyApplication(
        member=member,
        organization=organization,
        approver=approver,
        approver_path=approver.path,
        year=year or timezone.localdate().year,
        reason=reason,
        amount=amount,
        submitted_by=actor,
    )
    SUBSIDY_WORKFLOW.move(application, "apply")
    application.full_clean(exclude=["member", "organization", "approver", "submitted_by"])
    application._history_user = actor
    application.save()
    for upload in files:
        _attach(actor, application, upload)
    return application


def _locked(actor: User, application: SubsidyApplication, step: str) -> SubsidyApplication:
    application = lock(application, "organization", "member")
    if not selectors.can_step(actor, application, step):
        if step in ("approve", "decline") and application.submitted_by_id == actor.pk:
            raise PermissionDenied(_("You applied; someone else decides."))
        raise PermissionDenied(_("You may not take this step."))
    SUBSIDY_WORKFLOW.move(application, step)
    application._history_user = actor
    return application


@transaction.atomic
def subsidy_approve(
    *, actor: User, application: SubsidyApplication, note: str = ""
) -> SubsidyApplication:
    """Awaiting approval → approved (the amount counts in the member's yearly total)."""
    application = _locked(actor, application, "approve")
    return _decide(actor, application, note.strip())


@transaction.atomic
def subsidy_decline(
    *, actor: User, application: SubsidyApplication, reason: str
) -> SubsidyApplication:
    """Awaiting approval → declined, saying why."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the application is declined.")})
    application = _locked(actor, application, "decline")
    return _decide(actor, application, reason)


def _decide(actor: User, application: SubsidyApplication, note: str) -> SubsidyApplication:
    application.decided_by, application.decided_at = actor, timezone.now()
    application.decision_note = note[:300]
    application.save()
    _tell_applicant(actor, application)
    return application


@transaction.atomic
def subsidy_pay(*, actor: User, application: SubsidyApplication) -> SubsidyApplication:
    """Approved → paid (the deciding organisation has paid the money out)."""
    application = _locked(actor, application, "pay")
    application.paid_at = timezone.now()
    application.save()
    _tell_applicant(actor, application)
    return application


@transaction.atomic
def subsidy_withdraw(*, actor: User, application: SubsidyApplication) -> SubsidyApplication:
    """Awaiting approval → withdrawn, by the applying side."""
    application = _locked(actor, application, "withdraw")
    application.save()
    return application


@transaction.atomic
def subsidy_attach(
    *, actor: User, application: SubsidyApplication, upload: UploadedFile
) -> SubsidyAttachment:
    """Add a supporting paper while the application waits (the applying side)."""
    application = lock(application, "organization")
    if not selectors.is_applicant_side(actor, application):
        raise PermissionDenied(_("You may not add papers to this application."))
    if not selectors.can_attach(actor, application):
        raise ValidationError({"file": _("Papers are added only while the application waits.")})
    attachment_check(upload, PAPERS)
    return _attach(actor, application, upload)


def _attach(actor: User, application: SubsidyApplication, upload: UploadedFile):
    file_type = attachment_check(upload, PAPERS)
    attachment = SubsidyAttachment(
        application=application,
        name=(upload.name or "")[:200],
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def _tell_applicant(actor: User, application: SubsidyApplication) -> list[int]:
    users = [u for u in organization_handlers(application.organization) if u != actor]
    if not users:
        return []
    text = _("Hardship subsidy for %(member)s (%(amount)s yuan): %(status)s") % {
        "member": application.member.name,
        "amount": application.amount,
        "status": application.get_status_display(),
    }
    occasion = f"subsidy:{application.pk}:{application.status}"
    messages = [
        inbox_message(
            kind=DECISION,
            user=user,
            occasion=occasion,
            text=text,
            organization=application.organization,
            sender=actor,
            link=reverse("services:subsidies:subsidy_detail", args=[application.pk]),
        )
        for user in users
    ]
    return outbox_add(kind=DECISION, occasion=occasion, messages=messages)
