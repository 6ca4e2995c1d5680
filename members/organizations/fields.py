"""Fields other topics' forms and API use to name an organisation: only ones the user sees."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.organizations.models import Organization


class ScopedOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organisation id the user can see; any other id reads as nonexistent."""

    def get_queryset(self):
        return Organization.objects.visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class OrganizationIdFilter(django_filters.ModelChoiceFilter):
    """An organisation id among those the user can see."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=lambda request: Organization.objects.visible_to(request.user), **kwargs
        )
