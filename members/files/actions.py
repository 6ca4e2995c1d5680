"""Writes of the member file (一人一档): opening and changing it, relatives, ID reveals."""

import datetime
from functools import lru_cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

from members.audit.actions import Kind, audit_record
from members.files import crypto
from members.files.models import FamilyMember, IdNumberReveal, Member, add_years, anniversary_key
from members.organizations.models import Organization, User
from members.scoping import can_write, ensure_can_write, scope_paths_repair
from members.validators import (
    IdNumber,
    normalize_id_number,
    normalize_person_name,
    parse_id_number,
    validate_person_name,
)

MEMBER_FIELDS = {
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "phone",
    "education",
    "household_address",
    "joined_party_on",
    "full_member_on",
    "category",
    "skills",
    "standing",
    "notes",
    "photo",
    "home_external",
}
FAMILY_FIELDS = {"name", "relation", "age", "care_kind", "address", "notes"}


@lru_cache(maxsize=65536)
def pinyin_initials(name: str) -> str:
    """``王秀玲`` → ``wxl``: what a secretary types on a phone keyboard to find someone."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


@transaction.atomic
def member_create(
    *,
    actor: User,
    organization: Organization,
    id_number: str,
    is_sample: bool = False,
    **fields: Any,
) -> Member:
    """Open a member's file; the ID number sets birth date and gender, and must be unique."""
    ensure_can_write(actor, organization)
    member = Member(organization=organization, is_sample=is_sample)
    member_fields_set(member, fields)
    _apply_id_number(member, id_number)
    _check_and_save(member)
    return member


@transaction.atomic
def member_update(
    *, actor: User, member: Member, id_number: str | None = None, **fields: Any
) -> Member:
    """Change a member's file; moving it to another organisation needs write access to both."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    ensure_can_write(actor, member)
    organization = fields.pop("organization", None)
    moved = organization is not None and organization.pk != member.organization_id
    if moved:
        ensure_can_write(actor, organization)
        member.organization = organization
    old_name = member.name
    member_fields_set(member, fields)
    if (
        id_number is not None
        and crypto.keyed_hash(normalize_id_number(id_number)) != member.id_number_hash
    ):
        _apply_id_number(member, id_number)
    elif {"birth_date", "gender"} & fields.keys():
        parsed = parse_id_number(crypto.decrypt(member.id_number_encrypted))
        if errors := member_id_consistency_check(member, parsed):
            raise ValidationError(errors)
    renamed = member.name != old_name
    _check_and_save(member)
    if moved or renamed:
        # The stored copies follow the file: its records' paths, its name on other rows.
        scope_paths_repair(member_ids=[member.pk])
    return member


def member_fields_set(member: Member, fields: dict[str, Any], *, initials: bool = True) -> None:
    """Set a file's fields and what follows from them (pinyin initials, join anniversary):
    the one way the actions and the import fill a file. ``initials=False``: a check that
    saves nothing skips the (slow) pinyin."""
    unknown = fields.keys() - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"unknown member fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(member, name, value)
    member.name = (member.name or "").strip()
    if initials:
        member.name_initials = pinyin_initials(member.name)
    if member.joined_party_on:
        member.join_anniversary = anniversary_key(member.joined_party_on)


def _apply_id_number(member: Member, id_number: str) -> None:
    try:
        parsed = parse_id_number(id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.error_list}) from None
    if errors := member_id_number_set(member, parsed):
        raise ValidationError(errors)
    if Member.objects.filter(id_number_hash=member.id_number_hash).exclude(pk=member.pk).exists():
        raise ValidationError(
            {"id_number": _("A file with this ID number already exists; search for it instead.")}
        )


def member_id_number_set(member: Member, parsed: IdNumber, *, store: bool = True) -> dict[str, str]:
    """Store a validated ID number on the file (encrypted, hashed, masked); a blank birth date
    or gender is taken from it. Return what disagrees with it (field → message).
    ``store=False``: fill and compare only (a check that saves nothing skips the encryption)."""
    if member.birth_date is None:
        member.birth_date = parsed.birth_date
    if not member.gender:
        member.gender = parsed.gender
    if not store:
        return member_id_consistency_check(member, parsed)
    member.id_number_hash = crypto.keyed_hash(parsed.number)
    member.id_number_encrypted = crypto.encrypt(parsed.number)
    member.id_number_masked = parsed.masked
    return member_id_consistency_check(member, parsed)


def member_id_consistency_check(member: Member, parsed: IdNumber) -> dict[str, str]:
    """The birth date and gender the ID number gives must be the file's."""
    errors = {}
    if member.birth_date != parsed.birth_date:
        errors["birth_date"] = _(
            "The ID number says the birth date is %(date)s; the two must agree."
        ) % {"date": parsed.birth_date.isoformat()}
    if member.gender != parsed.gender:
        errors["gender"] = _("The gender does not match the ID number (17th digit).")
    return errors


def member_rules_check(member: Member, *, today: datetime.date | None = None) -> dict[str, str]:
    """The file's rules that need no database (name, Party dates), field → message: the one
    answer for the pages, the API and the import (which passes ``today`` once a chunk)."""
    today = today or timezone.localdate()
    errors = {}
    member.name = normalize_person_name(member.name)
    try:
        validate_person_name(member.name)
    except ValidationError as error:
        errors["name"] = error.messages[0]
    if member.joined_party_on and member.joined_party_on > today:
        errors["joined_party_on"] = _("The date joined the Party cannot be in the future.")
    if (
        member.joined_party_on
        and member.birth_date
        and member.joined_party_on < add_years(member.birth_date, 18)
    ):
        errors["joined_party_on"] = _("A member joins the Party at 18 or older.")
    if (
        member.full_member_on
        and member.joined_party_on
        and member.full_member_on < member.joined_party_on
    ):
        errors["full_member_on"] = _("Full membership cannot come before joining the Party.")
    return errors


def _check_and_save(member: Member) -> None:
    errors = member_rules_check(member)
    if member.phone and Member.objects.filter(phone=member.phone).exclude(pk=member.pk).exists():
        errors["phone"] = _("Another member's file already has this mobile number.")
    if errors:
        raise ValidationError(errors)
    member.full_clean(exclude=["id_number_encrypted", "id_number_hash", "id_number_masked"])
    member.refresh_status()
    member.home_path = member.organization.path
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        # Another request saved the same ID number or phone between our check and the insert.
        raise ValidationError(
            _("Another file with this ID number or mobile number was just saved; search for it.")
        ) from None


@transaction.atomic
def member_reveal_id_number(*, actor: User, member: Member, reason: str) -> str:
    """Return the full ID number and log who saw it; only writers of the member's subtree may."""
    if not can_write(actor, member):
        raise PermissionDenied(_("Only secretaries of the member's own organisation may do this."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the full ID number is needed.")})
    IdNumberReveal.objects.create(user=actor, member=member, reason=reason.strip())
    audit_record(kind=Kind.ID_REVEAL, actor=actor, obj=member)
    return crypto.decrypt(member.id_number_encrypted)


@transaction.atomic
def members_reveal_id_numbers(*, actor: User, member_ids: list[int], reason: str) -> dict[int, str]:
    """The full ID numbers of those of the members whose file the actor may write (the rule of
    ``member_reveal_id_number``, asked in one query), each reveal logged; the others are left
    out. For an export: its one audit event, naming the count, is the caller's."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the full ID number is needed.")})
    writable = Member.objects.visible_to(actor, for_write=True).filter(pk__in=member_ids)
    numbers = dict(writable.values_list("pk", "id_number_encrypted"))
    IdNumberReveal.objects.bulk_create(
        IdNumberReveal(user=actor, member_id=pk, reason=reason.strip()) for pk in numbers
    )
    return {pk: crypto.decrypt(encrypted) for pk, encrypted in numbers.items()}


@transaction.atomic
def family_member_add(*, actor: User, member: Member, **fields: Any) -> FamilyMember:
    """Record a relative needing care while the member is away."""
    ensure_can_write(actor, member)
    relative = FamilyMember(member=member)
    return _save_relative(relative, fields)


@transaction.atomic
def family_member_update(*, actor: User, relative: FamilyMember, **fields: Any) -> FamilyMember:
    ensure_can_write(actor, relative.member)
    return _save_relative(relative, fields)


@transaction.atomic
def family_member_remove(*, actor: User, relative: FamilyMember) -> None:
    ensure_can_write(actor, relative.member)
    relative.delete()


def _save_relative(relative: FamilyMember, fields: dict[str, Any]) -> FamilyMember:
    unknown = fields.keys() - FAMILY_FIELDS
    if unknown:
        raise TypeError(f"unknown relative fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(relative, name, value)
    relative.name = normalize_person_name(relative.name)
    try:
        validate_person_name(relative.name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from None
    relative.full_clean()
    relative.save()
    return relative
