"""The REST API of training classes (``/api/v1/training-classes/``).

Querysets scope (outsiders get 404), ``WriteRolePermission`` keeps viewers read-only, and every
write calls ``education.classes.actions``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from education.api import (
    AudienceSerializer,
    CountSerializer,
    MemberRows,
    NewestFirst,
    ScopedViewSet,
)
from education.classes import actions, selectors
from education.classes.models import ClassInvitation, TrainingClass
from members.api_fields import BoundedDateTimeField
from members.organizations.fields import ScopedOrganizationField


class TrainingClassSerializer(serializers.ModelSerializer):
    organization = ScopedOrganizationField(label=_("Host"))
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    starts_at = BoundedDateTimeField()

    class Meta:
        model = TrainingClass
        fields = [
            "id",
            "organization",
            "organization_name",
            "title",
            "description",
            "starts_at",
            "duration_minutes",
            "meeting_link",
            "hours",
            "status",
            "audience",
            "reminders_sent_at",
            "created_at",
        ]
        read_only_fields = ["status", "audience", "reminders_sent_at", "created_at"]

    def create(self, validated_data):
        return actions.training_class_create(actor=self.context["request"].user, **validated_data)


class ClassInvitationSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = ClassInvitation
        fields = ["member", "member_name", "attendance", "minutes", "recorded_at"]


class ClassAttendanceEntrySerializer(serializers.Serializer):
    member = serializers.IntegerField()
    attendance = serializers.ChoiceField(choices=ClassInvitation.Attendance.choices)
    minutes = serializers.IntegerField(min_value=0, max_value=1439, required=False)


class ClassAttendanceSheetSerializer(serializers.Serializer):
    entries = ClassAttendanceEntrySerializer(many=True, allow_empty=False)


class AttendanceImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class ClassAttendanceCountsSerializer(serializers.Serializer):
    changed = serializers.IntegerField()
    joined = serializers.IntegerField()
    not_joined = serializers.IntegerField()


class ClassPagination(NewestFirst):
    ordering = ("-starts_at", "-id")


class TrainingClassViewSet(ScopedViewSet):
    """Classes hosted in the user's subtrees or to which its members are invited."""

    serializer_class = TrainingClassSerializer
    pagination_class = ClassPagination

    def get_queryset(self):
        return selectors.class_queryset(user=self.request.user)

    @extend_schema(request=AudienceSerializer, responses=CountSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite a group (the city for city-wide); each new invitee gets an SMS."""
        training_class = self.writable_object()
        given = AudienceSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        count = actions.training_class_invite(
            actor=request.user, training_class=training_class, audience=given.audience
        )
        return Response({"count": count})

    @extend_schema(methods=["GET"], responses=ClassInvitationSerializer(many=True), request=None)
    @extend_schema(
        methods=["POST"],
        request=ClassAttendanceSheetSerializer,
        responses=ClassAttendanceCountsSerializer,
    )
    @action(detail=True, methods=["get", "post"], pagination_class=MemberRows)
    def invitations(self, request, pk=None):
        """GET: the invitations (with attendance) of members the user may see. POST: record
        attendance lines (joined / absent / "" to clear, minutes)."""
        if request.method == "POST":
            training_class = self.writable_object()
            sheet = ClassAttendanceSheetSerializer(data=request.data)
            sheet.is_valid(raise_exception=True)
            entries = [
                actions.AttendanceEntry(e["member"], e["attendance"], e.get("minutes"))
                for e in sheet.validated_data["entries"]
            ]
            counts = actions.attendance_record(
                actor=request.user, training_class=training_class, entries=entries
            )
            return Response(counts)
        training_class = self.get_object()
        rows = selectors.invitations_queryset(user=request.user, training_class=training_class)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ClassInvitationSerializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": AttendanceImportSerializer},
        responses=ClassAttendanceCountsSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="attendance-import",
        # JSON too: a JSON call is told which field is missing, not 415 before its scope check.
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def attendance_import(self, request, pk=None):
        """Import the meeting platform's export; 400 listing every bad row, nothing saved."""
        training_class = self.writable_object()
        given = AttendanceImportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        counts = actions.attendance_import(
            actor=request.user, training_class=training_class, upload=given.validated_data["file"]
        )
        return Response(counts)


# (prefix under /api/v1/, viewset, basename)
ROUTES: list = [("education/training-classes", TrainingClassViewSet, "training-class")]
