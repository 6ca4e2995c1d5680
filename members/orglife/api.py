"""REST API for organisational life (``/api/v1/activities/``).

Querysets scope (outsiders get 404), ``WriteRolePermission`` keeps viewers read-only (403), and
every write calls ``members.actions.orglife``: a reader who is not a writer of the holding
organisation gets the action's 403.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from members.api_fields import BoundedDateTimeField, StrictCursorPagination, YearFilter
from members.organizations.fields import OrganizationIdFilter, ScopedOrganizationField
from members.orglife import actions, selectors
from members.orglife.models import Activity, Attendance
from members.web import WriteRolePermission


class ActivitySerializer(serializers.ModelSerializer):
    organization = ScopedOrganizationField()
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    held_at = BoundedDateTimeField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "organization",
            "organization_name",
            "kind",
            "title",
            "held_at",
            "online",
            "location",
            "content",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["organization"].read_only = True  # an activity stays with its organisation
        return fields

    def validate(self, attrs):
        # Field checks only; the action validates the activity as a whole.
        return attrs

    def create(self, validated_data):
        return actions.activity_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return actions.activity_update(
            actor=self.context["request"].user, activity=instance, **validated_data
        )


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "status", "note", "recorded_at"]


class AttendanceEntrySerializer(serializers.Serializer):
    member = serializers.IntegerField()
    status = serializers.ChoiceField(
        choices=[("", _("not recorded")), *Attendance.Status.choices], allow_blank=True
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AttendanceSheetSerializer(serializers.Serializer):
    entries = AttendanceEntrySerializer(many=True, allow_empty=False)


class ActivityFilter(django_filters.FilterSet):
    organization = OrganizationIdFilter(
        label=_("organisation (with everything below it)"), method="filter_within"
    )
    year = YearFilter(label=_("year"), method="filter_year")

    class Meta:
        model = Activity
        fields = ["organization", "kind", "year"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path)

    def filter_year(self, queryset, name, value):
        return queryset.filter(held_at__range=selectors.year_range(int(value)))


class ActivityPagination(StrictCursorPagination):
    ordering = ("-held_at", "-id")
    page_size_query_param = "page_size"
    max_page_size = 200


class ActivityViewSet(viewsets.ModelViewSet):
    """Organisational-life activities: the list shows those held in the user's subtrees; one
    attended by the user's members elsewhere opens by its id too."""

    serializer_class = ActivitySerializer
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = ActivityPagination
    filterset_class = ActivityFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.activity_search(
                user=self.request.user, filters=selectors.ActivityFilters()
            )
        return selectors.activity_queryset(user=self.request.user)

    def perform_destroy(self, instance):
        actions.activity_delete(actor=self.request.user, activity=instance)

    @extend_schema(request=AttendanceSheetSerializer, responses=AttendanceSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def attendance(self, request, pk=None):
        """GET: the attendance the user may read. POST: save a sheet (idempotent upsert; an
        empty status clears a line)."""
        activity = self.get_object()
        if request.method == "POST":
            sheet = AttendanceSheetSerializer(data=request.data)
            sheet.is_valid(raise_exception=True)
            entries = [
                actions.AttendanceEntry(member_id=e["member"], status=e["status"], note=e["note"])
                for e in sheet.validated_data["entries"]
            ]
            actions.attendance_record(actor=request.user, activity=activity, entries=entries)
        rows = selectors.activity_attendance(user=request.user, activity=activity)
        return Response(AttendanceSerializer(rows, many=True).data)
