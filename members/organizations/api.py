"""REST API (``/api/v1/organizations/``) of the organisation tree.

Permission classes check roles only; querysets do the scoping through ``visible_to(user)``,
so outsiders get 404 and read-only viewers 403 on writes. Every write calls the actions.
"""

import django_filters
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets

from members.api_fields import StrictCursorPagination
from members.organizations import actions
from members.organizations.fields import OrganizationIdFilter, ScopedOrganizationField
from members.organizations.models import Organization
from members.scoping import subtree_q
from members.web import WriteRolePermission


@extend_schema_field(OpenApiTypes.INT)
class ParentField(ScopedOrganizationField):
    """Read: the parent's id, annotated by the queryset; write (create only): where to add."""

    def get_attribute(self, instance):
        return getattr(instance, "parent_id", None)

    def to_representation(self, value):
        return value


class OrganizationSerializer(serializers.ModelSerializer):
    parent = ParentField(required=False, allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "kind",
            "region_code",
            "address",
            "contact_person",
            "contact_phone",
            "secretary_name",
            "for_mobile_members",
            "parent",
            "depth",
            "numchild",
            "created_at",
        ]
        read_only_fields = ["depth", "numchild", "created_at"]

    def create(self, validated_data):
        parent = validated_data.pop("parent", None)
        return actions.organization_create(
            actor=self.context["request"].user, parent=parent, **validated_data
        )

    def update(self, instance, validated_data):
        if "parent" in validated_data:
            raise serializers.ValidationError(
                {"parent": _("Moving an organisation is done in the administration site.")}
            )
        return actions.organization_update(
            actor=self.context["request"].user, organization=instance, **validated_data
        )


class OrganizationFilter(django_filters.FilterSet):
    within = OrganizationIdFilter(
        label=_("within organisation"),
        method="filter_within",
    )

    class Meta:
        model = Organization
        fields = ["kind", "within"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(subtree_q([value.path]))


class OrganizationPagination(StrictCursorPagination):
    # Paths shift when a sibling is inserted (the tree is sorted by name); ids never do.
    ordering = "id"


class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Party organisations in the user's subtrees."""

    serializer_class = OrganizationSerializer
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = OrganizationPagination
    filterset_class = OrganizationFilter

    def get_queryset(self):
        parent = Organization.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
        )
        return Organization.objects.visible_to(self.request.user).annotate(
            parent_id=Subquery(parent.values("pk")[:1])
        )

    def perform_create(self, serializer):
        # Re-read so the response carries the annotated parent like every other response.
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)

    def perform_update(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)
