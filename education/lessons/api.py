"""The REST API of lessons (``/api/v1/lessons/``): viewsets registered by config/api_urls.py.

Querysets scope (outsiders get 404), ``WriteRolePermission`` keeps viewers read-only, and every
write calls ``education.lessons.actions``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from education.api import AudienceSerializer, CountSerializer, MemberRows, ScopedViewSet
from education.lessons import actions, selectors
from education.lessons.models import Lesson, LessonDelivery
from members.organizations.fields import ScopedOrganizationField


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


class LessonRemindSerializer(serializers.Serializer):
    members = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("Omit to remind everyone.")
    )


class LessonDeliverySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = LessonDelivery
        fields = ["member", "member_name", "opened_at", "completed_at", "last_reminded_on"]


class LessonViewSet(ScopedViewSet):
    """Lessons owned in the user's subtrees or sent to its members."""

    serializer_class = LessonSerializer

    def get_queryset(self):
        return selectors.lesson_queryset(user=self.request.user)

    @extend_schema(request=AudienceSerializer, responses=CountSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Send the lesson to a group (409 unless it is a draft)."""
        lesson = self.writable_object()
        given = AudienceSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        count = actions.lesson_publish(actor=request.user, lesson=lesson, audience=given.audience)
        return Response({"count": count})

    @extend_schema(request=LessonRemindSerializer, responses=CountSerializer)
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
    @action(detail=True, methods=["get"], pagination_class=MemberRows)
    def deliveries(self, request, pk=None):
        """Whom it was sent to, and who opened and completed it (members the user may see)."""
        rows = selectors.deliveries_queryset(user=request.user, lesson=self.get_object())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(LessonDeliverySerializer(page, many=True).data)


# (prefix under /api/v1/, viewset, basename)
ROUTES: list = [("education/lessons", LessonViewSet, "lesson")]
