"""Every write of care: records on a member's file, holiday campaigns and their visits.

A campaign's to-do list is made in one go (one read of the family members needing care, one
bulk insert), and making it again adds only what is missing. Recording a visit locks it, so a
second submit finds it visited and adds no second record; the campaign's counters move with
each step, under the same lock.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from members.files.models import FamilyMember, Member
from members.organizations.models import Organization, User
from members.scoping import can_write, ensure_can_write, subtree_q
from members.workflow import lock
from services.care.models import CareCampaign, CareRecord, CareVisit
from services.care.selectors import member_can_care
from services.care.workflow import VISIT_WORKFLOW

V = CareVisit.Status
FOCUS_KINDS = {
    CareCampaign.Focus.ALL: [c for c, _label in FamilyMember.CareKind.choices],
    CareCampaign.Focus.ELDERS: [FamilyMember.CareKind.ELDER],
    CareCampaign.Focus.CHILDREN: [FamilyMember.CareKind.CHILD],
}


def _past_date(on_date: datetime.date | None, field: str = "on_date") -> datetime.date:
    if on_date is None:
        raise ValidationError({field: _("Give the date.")})
    if on_date > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    return on_date


def _text(text: str, field: str, max_length: int = 1000) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({field: _("Say briefly what was done.")})
    if len(text) > max_length:
        raise ValidationError({field: _("At most %(n)d characters.") % {"n": max_length}})
    return text


@transaction.atomic
def care_record_add(
    *,
    actor: User,
    member: Member,
    kind: str,
    on_date: datetime.date,
    description: str,
    organization: Organization,
    family_member: FamilyMember | None = None,
) -> CareRecord:
    """Record care given to the member or a relative of theirs, by an organisation the actor
    writes, for a member the actor manages (home or hosting subtree)."""
    if not member_can_care(actor, member):
        raise PermissionDenied(_("You may not add care records for this member."))
    ensure_can_write(actor, organization)
    if family_member is not None and family_member.member_id != member.pk:
        raise ValidationError({"family_member": _("Choose one of the member's own family.")})
    if kind not in CareRecord.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of care.")})
    record = CareRecord(
        member=member,
        family_member=family_member,
        organization=organization,
        kind=kind,
        on_date=_past_date(on_date),
        description=_text(description, "description"),
        created_by=actor,
    )
    record._history_user = actor
    record.save()
    return record


@transaction.atomic
def care_campaign_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    holiday: str,
    focus: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> CareCampaign:
    """A holiday campaign of the organisation and its to-do list; the same campaign made again
    (organiser, name, first day) is the one already there, its list completed."""
    ensure_can_write(actor, organization)
    name = " ".join((name or "").split())
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})
    campaign = CareCampaign.objects.filter(
        organization=organization, name=name, starts_on=starts_on
    ).first()
    if campaign is None:
        campaign = CareCampaign(
            organization=organization,
            path=organization.path,
            name=name,
            holiday=holiday,
            focus=focus,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        campaign.full_clean(exclude=["organization", "created_by"])
        campaign.save()
    care_visits_plan(actor=actor, campaign=campaign)
    campaign.refresh_from_db()
    return campaign


@transaction.atomic
def care_visits_plan(*, actor: User, campaign: CareCampaign) -> int:
    """Add to the campaign's list a visit per family member needing care (per its focus) of
    the members away whose home branch lies in the organiser's subtree; return how many.

    Members with no relative recorded get no visit: the list is of people to see."""
    campaign = lock(campaign)
    planned = CareVisit.objects.filter(campaign=campaign, family_member__isnull=False)
    relatives = (
        FamilyMember.objects.filter(
            subtree_q([campaign.path], "member__home_path"),
            member__status=Member.Status.MOBILE,
            care_kind__in=FOCUS_KINDS[campaign.focus],
        )
        .exclude(pk__in=planned.values("family_member_id"))
        .values_list("pk", "member_id", "member__organization_id")
    )
    visits = [
        CareVisit(campaign=campaign, family_member_id=pk, member_id=member, organization_id=branch)
        for pk, member, branch in relatives.order_by("member__organization_id", "pk")
    ]
    bulk_create_with_history(visits, CareVisit, batch_size=500, default_user=actor)
    if visits:
        CareCampaign.objects.filter(pk=campaign.pk).update(
            visits_count=F("visits_count") + len(visits)
        )
    return len(visits)


def _locked_visit(actor: User, visit: CareVisit) -> CareVisit:
    visit = lock(visit, "campaign", "family_member")
    if not can_write(actor, visit):
        raise PermissionDenied(_("You may not record this visit."))
    return visit


@transaction.atomic
def care_visit_done(
    *, actor: User, visit: CareVisit, on_date: datetime.date, description: str = ""
) -> CareVisit:
    """Mark the visit made: a holiday-visit care record for the relative, and the campaign's
    count of visits done. A visit already made is left as it is (a second submit)."""
    visit = _locked_visit(actor, visit)
    if visit.status == V.VISITED:
        return visit
    on_date = _past_date(on_date)
    description = " ".join((description or "").split()) or visit.campaign.name
    previous = VISIT_WORKFLOW.move(visit, "done")
    record = _visit_record(actor, visit, on_date, description)
    visit.record, visit.note, visit.updated_at = record, "", timezone.now()
    visit._history_user = actor
    visit.save()
    planned = 1 if previous == V.NOT_NEEDED else 0
    CareCampaign.objects.filter(pk=visit.campaign_id).update(
        done_count=F("done_count") + 1, visits_count=F("visits_count") + planned
    )
    return visit


def _visit_record(actor: User, visit: CareVisit, on_date, description: str) -> CareRecord:
    """The visit's care record, by the member's branch (the organiser may record it too)."""
    record = CareRecord(
        member_id=visit.member_id,
        family_member_id=visit.family_member_id,
        organization_id=visit.organization_id,
        kind=CareRecord.Kind.HOLIDAY_VISIT,
        on_date=on_date,
        description=_text(description, "description"),
        campaign_id=visit.campaign_id,
        created_by=actor,
    )
    record._history_user = actor
    record.save()
    return record


@transaction.atomic
def care_visit_skip(*, actor: User, visit: CareVisit, note: str = "") -> CareVisit:
    """Mark the visit not needed (say why); it leaves the campaign's count of visits planned."""
    visit = _locked_visit(actor, visit)
    VISIT_WORKFLOW.move(visit, "skip")
    visit.note = " ".join((note or "").split())[:300]
    visit.updated_at = timezone.now()
    visit._history_user = actor
    visit.save()
    CareCampaign.objects.filter(pk=visit.campaign_id).update(visits_count=F("visits_count") - 1)
    return visit
