"""Pieces the education chain's REST APIs share: paging, the scoped viewset's write step and the
audience a group send is given.

Querysets scope (outsiders get 404), ``WriteRolePermission`` keeps viewers read-only.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, permissions, serializers, viewsets

from education.audience import Audience, AudienceOrganizationField
from members.api_fields import StrictCursorPagination
from members.scoping import ensure_can_write
from members.web import WriteRolePermission


class NewestFirst(StrictCursorPagination):
    ordering = ("-created_at", "-id")
    page_size_query_param = "page_size"
    max_page_size = 200


class MemberRows(StrictCursorPagination):
    """Per-member rows of one object (deliveries, invitations): larger pages, by id."""

    ordering = ("id",)
    page_size_query_param = "page_size"
    max_page_size = 500


class ScopedViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List, create and read objects of the user's scope; actions are write steps."""

    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = NewestFirst

    def writable_object(self):
        """The object for a write step: 404 outside the scope, 403 for its readers (before
        the request's data is read, so a reader learns nothing from a validation error)."""
        obj = self.get_object()
        ensure_can_write(self.request.user, obj)
        return obj


class AudienceSerializer(serializers.Serializer):
    """The group to send to: the members of an organisation (the city for city-wide)."""

    audience_organization = AudienceOrganizationField(label=_("Members of"))
    audience_mobile_only = serializers.BooleanField(default=True)

    @property
    def audience(self) -> Audience:
        return Audience(
            organization=self.validated_data["audience_organization"],
            mobile_only=self.validated_data["audience_mobile_only"],
        )


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField()
