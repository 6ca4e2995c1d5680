"""Who a plan, lesson, class or dispatch is for: one way to choose a group of members.

Secretaries choose an organisation in their write scope (a village, the town, the city) and
whether to take only its mobile members; the group is every current member whose file lies in
that subtree or whom an organisation there hosts. The choice is stored in words on the object
(``audience``) and as one row per member, so later changes to the tree do not rewrite history.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from members.files.models import Member, managed_members_condition
from members.organizations.fields import OrganizationPicker, ScopedOrganizationField
from members.organizations.models import Organization, User
from members.scoping import scope_paths, within


@dataclass(frozen=True)
class Audience:
    organization: Organization
    mobile_only: bool = True

    def label(self) -> str:
        if self.mobile_only:
            return _("%(organization)s · mobile members") % {"organization": self.organization}
        return _("%(organization)s · all members") % {"organization": self.organization}


def audience_members(*, user: User, audience: Audience) -> QuerySet[Member]:
    """The members of the group, if the user may write for the chosen organisation."""
    if not within(audience.organization.path, scope_paths(user, for_write=True)):
        raise PermissionDenied(_("You may not send to the members of this organisation."))
    members = Member.objects.filter(managed_members_condition([audience.organization.path], "pk"))
    if audience.mobile_only:
        return members.filter(status=Member.Status.MOBILE)
    return members.filter(status__in=Member.CURRENT_STATUSES)


class AudienceForm(forms.Form):
    """The two questions of ``Audience``, for any topic's form to include."""

    audience_organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=gettext_lazy("Members of"),
        widget=OrganizationPicker,
    )
    audience_mobile_only = forms.BooleanField(
        label=gettext_lazy("Only mobile members"), required=False, initial=True
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_organization"].queryset = Organization.objects.visible_to(
            user, for_write=True
        )

    def audience(self) -> Audience:
        return Audience(
            organization=self.cleaned_data["audience_organization"],
            mobile_only=self.cleaned_data["audience_mobile_only"],
        )


@extend_schema_field(OpenApiTypes.INT)
class AudienceOrganizationField(ScopedOrganizationField):
    """The API's ``audience_organization``: an organisation id the caller can see (the action
    then checks it may write there), described as an integer in the schema."""
