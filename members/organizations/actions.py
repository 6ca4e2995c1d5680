"""Writes of the organisation tree and of organisations outside it."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.organizations.models import ExternalOrganization, Organization, User
from members.scoping import ensure_can_write, scope_paths_repair

TREE_FIELDS = ["path", "depth", "numchild"]


@transaction.atomic
def organization_create(*, actor: User, parent: Organization | None, **fields: Any) -> Organization:
    """Add an organisation under ``parent`` (a root only for superusers)."""
    node = Organization(**fields)
    _mobile_branch_flag(node)
    node.full_clean(exclude=TREE_FIELDS)
    if parent is None:
        _ensure_superuser(actor)
        return Organization.objects.add_root(instance=node)
    ensure_can_write(actor, parent)
    return Organization.objects.add_child(parent, instance=node)


@transaction.atomic
def organization_move(
    *, actor: User, organization: Organization, parent: Organization | None
) -> Organization:
    """Move an organisation (with its subtree) under ``parent``; writers of both ends only.

    The subtree's paths change, so the copies rows keep for scoping are recomputed.
    """
    ensure_can_write(actor, organization)
    old_path = organization.path
    if parent is None:
        _ensure_superuser(actor)
        Organization.objects.move(
            organization, Organization.objects.get_last_root_node(), "last-sibling"
        )
    else:
        ensure_can_write(actor, parent)
        if parent.is_within(organization):
            raise ValidationError(_("An organisation cannot be moved under itself."))
        Organization.objects.move(organization, parent, "last-child")
    organization.refresh_from_db()
    scope_paths_repair(prefix=old_path)
    return organization


@transaction.atomic
def organization_update(*, actor: User, organization: Organization, **fields: Any) -> Organization:
    ensure_can_write(actor, organization)
    for name, value in fields.items():
        setattr(organization, name, value)
    _mobile_branch_flag(organization)
    organization.full_clean(exclude=TREE_FIELDS)
    organization.save()
    return organization


def _mobile_branch_flag(organization: Organization) -> None:
    """A mobile Party members' branch is set up for mobile members by definition."""
    if organization.kind == Organization.Kind.MOBILE_BRANCH:
        organization.for_mobile_members = True


def _ensure_superuser(actor: User) -> None:
    if not actor.is_superuser:
        raise PermissionDenied(_("Only administrators may add a top-level organisation."))


@transaction.atomic
def external_organization_get_or_create(
    *, name: str, region_code: str, contact_person: str = "", contact_phone: str = ""
) -> ExternalOrganization:
    """Find an organisation outside the system by name and region, or record it."""
    external = ExternalOrganization.objects.filter(
        name=name.strip(), region_code=region_code
    ).first()
    if external is None:
        external = ExternalOrganization(
            name=name.strip(),
            region_code=region_code,
            contact_person=contact_person,
            contact_phone=contact_phone,
        )
        external.full_clean()
        external.save()
    return external
