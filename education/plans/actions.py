"""Every write of study plans: reading lists, templates, plans, members, confirmed readings.

Pages, the API, the admin, the phone page and the demo call these; each checks who may do it.
Readings and templates belong to an organisation and are shared down the tree (a town's list
is usable by its villages); plans belong to the organisation that made them.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from education.audience import Audience, audience_members
from education.hours.actions import Source, hours_credit
from education.plans import selectors
from education.plans.models import PlanMember, PlanTemplate, Reading, ReadingConfirmation, StudyPlan
from education.reach import reach_add
from members.files.models import Member
from members.organizations.models import Organization, User
from members.scoping import ensure_can_write
from members.workflow import lock

READING_FIELDS = {"kind", "title", "author", "url", "hours"}
TEMPLATE_FIELDS = {"name", "description", "target_hours"}
PLAN_FIELDS = {"title", "description", "target_hours"}
MEMBER_BATCH = 2000


# --- Readings -------------------------------------------------------------------------------


@transaction.atomic
def reading_create(*, actor: User, organization: Organization, **fields: Any) -> Reading:
    """Put a book or an article on the organisation's reading list (a writer of it only)."""
    ensure_can_write(actor, organization)
    reading = Reading(organization=organization, **_only(fields, READING_FIELDS))
    _save(reading)
    return reading


@transaction.atomic
def reading_update(*, actor: User, reading: Reading, **fields: Any) -> Reading:
    reading = lock(reading)
    ensure_can_write(actor, reading)
    for name, value in _only(fields, READING_FIELDS).items():
        setattr(reading, name, value)
    _save(reading)
    return reading


@transaction.atomic
def reading_delete(*, actor: User, reading: Reading) -> None:
    """Take a reading off the list; never one a member has confirmed (their hours rest on it)."""
    reading = lock(reading)
    ensure_can_write(actor, reading)
    if reading.confirmations.exists():
        raise ValidationError(_("Members have confirmed this reading; it stays on the list."))
    reading.delete()


# --- Templates ------------------------------------------------------------------------------


@transaction.atomic
def template_create(
    *, actor: User, organization: Organization, readings: Iterable[Reading] = (), **fields: Any
) -> PlanTemplate:
    ensure_can_write(actor, organization)
    template = PlanTemplate(organization=organization, **_only(fields, TEMPLATE_FIELDS))
    _save(template)
    template.readings.set(_readable(actor, readings))
    return template


@transaction.atomic
def template_update(
    *, actor: User, template: PlanTemplate, readings: Iterable[Reading] | None = None, **fields
) -> PlanTemplate:
    template = lock(template)
    ensure_can_write(actor, template)
    for name, value in _only(fields, TEMPLATE_FIELDS).items():
        setattr(template, name, value)
    _save(template)
    if readings is not None:
        template.readings.set(_readable(actor, readings))
    return template


@transaction.atomic
def template_delete(*, actor: User, template: PlanTemplate) -> None:
    """Delete a template; plans made from it keep their own copy of its readings."""
    template = lock(template)
    ensure_can_write(actor, template)
    template.delete()


# --- Plans ----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor: User,
    organization: Organization,
    year: int,
    title: str = "",
    template: PlanTemplate | None = None,
    readings: Iterable[Reading] | None = None,
    lessons: Iterable = (),
    classes: Iterable = (),
    audience: Audience | None = None,
    member: Member | None = None,
    **fields: Any,
) -> StudyPlan:
    """Make the year's plan for one member or a group, from a template (its readings and
    target hours are copied) plus the lessons and classes the actor can see."""
    ensure_can_write(actor, organization)
    if template is not None and not selectors.template_queryset(user=actor).contains(template):
        raise PermissionDenied(_("You may not use this template."))
    members = _chosen_members(actor, audience=audience, member=member)
    fields = _only(fields, PLAN_FIELDS)
    if template is not None:
        fields.setdefault("target_hours", template.target_hours)
        fields.setdefault("description", template.description)
        readings = list(template.readings.all()) if readings is None else readings
    plan = StudyPlan(
        organization=organization,
        template=template,
        year=year,
        title=title or (template.name if template else ""),
        audience=audience.label() if audience else str(member or ""),
        created_by=actor,
        **{name: value for name, value in fields.items() if value is not None},
    )
    _save(plan, exclude=["created_by"])
    _set_contents(actor, plan, readings=readings or (), lessons=lessons, classes=classes)
    _add_members(plan, members)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: User,
    plan: StudyPlan,
    readings: Iterable[Reading] | None = None,
    lessons: Iterable | None = None,
    classes: Iterable | None = None,
    **fields: Any,
) -> StudyPlan:
    """Change the plan's title, target, readings, lessons or classes (its writers only)."""
    plan = lock(plan)
    ensure_can_write(actor, plan)
    for name, value in _only(fields, PLAN_FIELDS).items():
        setattr(plan, name, value)
    _save(plan, exclude=["created_by"])
    _set_contents(actor, plan, readings=readings, lessons=lessons, classes=classes)
    return plan


@transaction.atomic
def plan_add_members(
    *, actor: User, plan: StudyPlan, audience: Audience | None = None, member: Member | None = None
) -> int:
    """Add one member or a group to the plan; those already in it stay. Returns how many
    were new."""
    plan = lock(plan)
    ensure_can_write(actor, plan)
    return _add_members(plan, _chosen_members(actor, audience=audience, member=member))


def _chosen_members(actor: User, *, audience: Audience | None, member: Member | None):
    if (audience is None) == (member is None):
        raise ValidationError(
            {"audience_organization": _("Choose one member or a group of members.")}
        )
    if audience is not None:
        return audience_members(user=actor, audience=audience)
    if not Member.objects.visible_to(actor, for_write=True).filter(pk=member.pk).exists():
        raise PermissionDenied(_("You may not make a plan for this member."))
    return Member.objects.filter(pk=member.pk)


def _add_members(plan: StudyPlan, members: QuerySet[Member]) -> int:
    """Set-based: the members' ids in batches, inserted without asking who is already in."""
    before = plan.plan_members.count()
    last = 0
    while batch := list(
        members.filter(pk__gt=last).order_by("pk").values_list("pk", "name")[:MEMBER_BATCH]
    ):
        rows = [PlanMember(plan=plan, member_id=pk, member_name=name) for pk, name in batch]
        PlanMember.objects.bulk_create(rows, ignore_conflicts=True)
        last = batch[-1][0]
    reach_add(plan, members)
    return plan.plan_members.count() - before


def _set_contents(actor: User, plan: StudyPlan, *, readings, lessons, classes) -> None:
    if readings is not None:
        plan.readings.set(_readable(actor, readings))
    if lessons is not None:
        plan.lessons.set(_visible(lessons, selectors.lesson_choices(user=actor), "lessons"))
    if classes is not None:
        plan.classes.set(_visible(classes, selectors.class_choices(user=actor), "classes"))


def _visible(chosen: Iterable, visible: QuerySet, field: str) -> list:
    """The chosen rows (or ids), if the user can see every one of them."""
    ids = {getattr(row, "pk", row) for row in chosen}
    if len(ids) != visible.filter(pk__in=ids).count():
        message = {
            "lessons": _("Choose lessons you can see."),
            "classes": _("Choose training classes you can see."),
            "readings": _("Choose readings from your reading lists."),
        }[field]
        raise ValidationError({field: message})
    return list(ids)


def _readable(actor: User, readings: Iterable[Reading]) -> list:
    return _visible(readings, selectors.reading_queryset(user=actor), "readings")


# --- Readings confirmed ---------------------------------------------------------------------


def reading_confirm(
    *, member: Member, reading: Reading, year: int, through_link: bool, today=None
) -> bool:
    """Record that the member has read the reading this year and credit its hours, once.
    Returns whether it was new. The caller has checked the member's plan asks for it."""
    with transaction.atomic():
        confirmation, created = ReadingConfirmation.objects.get_or_create(
            member=member, reading=reading, year=year, defaults={"through_link": through_link}
        )
        if created:
            hours_credit(
                member_ids=[member.pk],
                source=Source.READING,
                source_id=confirmation.pk,
                hours=reading.hours or Decimal("0.5"),
                studied_on=_day_in(year, today or timezone.localdate()),
                description=str(reading),
            )
        return created


@transaction.atomic
def reading_confirm_for_member(
    *, actor: User, plan: StudyPlan, member_id: int, reading_id: int
) -> bool:
    """A secretary records, on the member's word, a reading of the plan as read: a writer of
    the plan, or of the member (the village secretary of a town's plan, the host)."""
    if not selectors.confirmable_members(user=actor, plan=plan, member_ids=[member_id]):
        raise PermissionDenied(_("You may not record readings for this member."))
    reading = plan.readings.filter(pk=reading_id).first()
    if reading is None:
        raise ValidationError(_("Choose a member of the plan and one of its readings."))
    member = Member.objects.get(pk=member_id)
    return reading_confirm(member=member, reading=reading, year=plan.year, through_link=False)


def _day_in(year: int, today: datetime.date) -> datetime.date:
    """Today, or the last day of a past plan's year (hours count in the plan's year)."""
    return today if today.year == year else datetime.date(year, 12, 31)


# --- Helpers --------------------------------------------------------------------------------


def _only(fields: dict, allowed: set[str]) -> dict:
    unknown = fields.keys() - allowed
    if unknown:
        raise TypeError(f"fields not allowed here: {sorted(unknown)}")
    return fields


def _save(obj, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=["organization", *(exclude or [])])
    obj.save()
