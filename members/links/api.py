"""REST API of a member's personal links: ``/api/v1/members/{member_id}/links/``.

List them, send a new one (POST; the link goes to the member's phone by SMS and is never in an
answer), and revoke one (``.../links/{id}/revoke/``). The member is read through the member
files' selector (404 outside the scope); sending and revoking need the write role there.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from members.api_fields import StrictCursorPagination
from members.files.selectors import member_get
from members.links import actions, selectors
from members.links.models import MemberLink
from members.web import get_or_404


class MemberLinkSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(read_only=True, allow_null=True)
    revoked_by = serializers.CharField(read_only=True, allow_null=True)
    usable = serializers.BooleanField(source="is_usable", read_only=True)
    sms_status = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Status of the SMS that sent the link")
    )

    class Meta:
        model = MemberLink
        fields = [
            "id",
            "member",
            "created_by",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "revoked_by",
            "usable",
            "sms_status",
        ]
        read_only_fields = fields


class LinkIssueSerializer(serializers.Serializer):
    days = serializers.IntegerField(
        min_value=1, max_value=actions.MAX_DAYS, default=actions.DEFAULT_DAYS
    )


class LinkPagination(StrictCursorPagination):
    ordering = ("-created_at", "-id")


MEMBER_ID = OpenApiParameter("member_id", OpenApiTypes.INT, OpenApiParameter.PATH)
LINK_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(parameters=[MEMBER_ID]),
    create=extend_schema(
        parameters=[MEMBER_ID], request=LinkIssueSerializer, responses={201: MemberLinkSerializer}
    ),
    revoke=extend_schema(parameters=[MEMBER_ID, LINK_ID], request=None),
)
class MemberLinkViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A member's personal links, newest first; no answer ever holds a link's address."""

    serializer_class = MemberLinkSerializer
    # The member first (404 outside the scope), then the actions ask for the write role (403).
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = LinkPagination
    filter_backends = []

    def member(self):
        if not hasattr(self, "_member"):
            self._member = get_or_404(
                member_get, user=self.request.user, pk=self.kwargs["member_id"]
            )
        return self._member

    def get_queryset(self):
        return selectors.member_links(user=self.request.user, member=self.member())

    def create(self, request, member_id=None):
        member = self.member()
        issue = LinkIssueSerializer(data=request.data)
        issue.is_valid(raise_exception=True)
        issued = actions.link_issue(actor=request.user, member=member, **issue.validated_data)
        link = self.get_queryset().get(pk=issued.link.pk)
        return Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def revoke(self, request, member_id=None, pk=None):
        """End the link now (revoking an ended link changes nothing)."""
        link = self.get_object()
        actions.link_revoke(actor=request.user, link=link)
        return Response(self.get_serializer(self.get_queryset().get(pk=link.pk)).data)

    def get_object(self):
        try:
            return self.get_queryset().get(pk=int(self.kwargs["pk"]))
        except (MemberLink.DoesNotExist, ValueError):
            raise Http404 from None


ROUTES = [(r"members/(?P<member_id>\d+)/links", MemberLinkViewSet, "member-link")]
