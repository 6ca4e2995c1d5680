"""The REST API of lessons (``/api/v1/lessons/``): viewsets registered by config/api_urls.py.

Querysets scope (outsiders get 404), ``WriteRolePermission`` keeps viewers read-only, and every
write calls ``education.lessons.actions``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from education.api_base import WritableObjectMixin
from education.audience import AudienceSerializer
from education.lessons import actions, selectors
from education.lessons.models import Lesson, LessonDelivery
from members.organizations.fields import ScopedOrganizationField
from members.web import WriteRolePermission


class LessonSerializer(serializers.ModelSerializer):
    organization = ScopedOrganizationField()
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Lesson
        fields = [
            "id",
            "organization",
            "organization_name",
            "title",
            "body",
            "video_url",
            "hours",
            "status",
            "audience",
            "published_at",
            "created_at",
        ]
        read_only_fields = ["status", "audience", "published_at", "created_at"]

    def create(self, validated_data):
        return actions.lesson_create(actor=self.context["request"].user, **validated_data)


class LessonPublishSerializer(AudienceSerializer):
    """Who: an organisation in the caller's write scope, and whether only its mobile members."""


class LessonRemindSerializer(serializers.Serializer):
    members = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("Omit to remind everyone.")
    )


class LessonCountSerializer(serializers.Serializer):
    count = serializers.IntegerField()


class LessonDeliverySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = LessonDelivery
        fields = ["member", "member_name", "opened_at", "completed_at", "last_reminded_on"]


class LessonPagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size_query_param = "page_size"
    max_page_size = 200


class LessonDeliveryPagination(CursorPagination):
    ordering = ("id",)
    page_size_query_param = "page_size"
    max_page_size = 500


class LessonViewSet(
    WritableObjectMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Lessons owned in the user's subtrees or sent to its members."""

    serializer_class = LessonSerializer
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = LessonPagination

    def get_queryset(self):
        return selectors.lesson_queryset(user=self.request.user)

    @extend_schema(request=LessonPublishSerializer, responses=LessonCountSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Send the lesson to a group (409 unless it is a draft)."""
        lesson = self.writable_object()
        given = LessonPublishSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        audience = given.audience()
        count = actions.lesson_publish(actor=request.user, lesson=lesson, audience=audience)
        return Response({"count": count})

    @extend_schema(request=LessonRemindSerializer, responses=LessonCountSerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """Remind members who have not opened it (once a day each at most)."""
        lesson = self.writable_object()
        given = LessonRemindSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        count = actions.lesson_remind(
            actor=request.user, lesson=lesson, member_ids=given.validated_data.get("members")
        )
        return Response({"count": count})

    @extend_schema(responses=LessonDeliverySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=LessonDeliveryPagination)
    def deliveries(self, request, pk=None):
        """Whom it was sent to, and who opened and completed it (members the user may see)."""
        rows = selectors.deliveries_queryset(user=request.user, lesson=self.get_object())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(LessonDeliverySerializer(page, many=True).data)


# (prefix under /api/v1/, viewset, basename)
ROUTES: list = [("education/lessons", LessonViewSet, "lesson")]
