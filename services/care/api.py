"""REST API of care under ``/api/v1/services/``: care records, holiday campaigns and the visits
on their lists (``done``/``skip`` steps, 409 when the visit's status does not allow them).

Querysets scope (outsiders get 404); ``WriteRolePermission`` keeps viewers read-only; the
actions decide where a writer may write."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from members.api_fields import StrictCursorPagination
from members.files.models import FamilyMember, Member
from members.organizations.fields import ScopedOrganizationField
from members.scoping import ensure_can_write
from members.web import WriteRolePermission
from services.care import actions, selectors
from services.care.models import CareCampaign, CareRecord, CareVisit


class ByDate(StrictCursorPagination):
    ordering = ("-on_date", "-id")
    page_size_query_param = "page_size"
    max_page_size = 200


class ByStart(ByDate):
    ordering = ("-starts_on", "-id")


class ById(ByDate):
    ordering = ("id",)
    max_page_size = 500


class CareRecordSerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    family_member = serializers.PrimaryKeyRelatedField(
        queryset=FamilyMember.objects.none(), required=False, allow_null=True
    )
    organization = ScopedOrganizationField()
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = CareRecord
        fields = [
            "id",
            "member",
            "member_name",
            "family_member",
            "organization",
            "kind",
            "on_date",
            "description",
            "campaign",
            "created_at",
        ]
        read_only_fields = ["campaign", "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            members = selectors.readable_members(user=request.user)
            fields["member"].queryset = members
            fields["family_member"].queryset = FamilyMember.objects.filter(member__in=members)
        return fields

    def create(self, data):
        return actions.care_record_add(actor=self.context["request"].user, **data)


class CampaignSerializer(serializers.ModelSerializer):
    organization = ScopedOrganizationField()

    class Meta:
        model = CareCampaign
        fields = [
            "id",
            "organization",
            "name",
            "holiday",
            "focus",
            "starts_on",
            "ends_on",
            "visits_count",
            "done_count",
            "created_at",
        ]
        read_only_fields = ["visits_count", "done_count", "created_at"]

    def create(self, data):
        return actions.care_campaign_create(actor=self.context["request"].user, **data)


class VisitSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    family_member_name = serializers.CharField(
        source="family_member.name", read_only=True, default=""
    )
    relation = serializers.CharField(source="family_member.relation", read_only=True, default="")

    class Meta:
        model = CareVisit
        fields = [
            "id",
            "campaign",
            "member",
            "member_name",
            "family_member",
            "family_member_name",
            "relation",
            "organization",
            "status",
            "record",
            "note",
            "updated_at",
        ]
        read_only_fields = fields


class DoneSerializer(serializers.Serializer):
    on_date = serializers.DateField()
    description = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class SkipSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RecordFilter(django_filters.FilterSet):
    class Meta:
        model = CareRecord
        fields = ["member", "kind", "campaign"]


class CareViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]


class CareRecordViewSet(CareViewSet):
    """Care records of the members the user manages (home or hosting subtree)."""

    serializer_class = CareRecordSerializer
    pagination_class = ByDate
    filterset_class = RecordFilter

    def get_queryset(self):
        return selectors.record_queryset(user=self.request.user)


class CampaignViewSet(CareViewSet):
    """Holiday campaigns organised in the user's subtrees or above them; creating one makes
    its to-do list."""

    serializer_class = CampaignSerializer
    pagination_class = ByStart

    def get_queryset(self):
        return selectors.campaign_queryset(user=self.request.user)

    @extend_schema(responses=VisitSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=ById)
    def visits(self, request, pk=None):
        """The campaign's visits the user may read (``?status=`` to filter)."""
        campaign = self.get_object()
        status = request.query_params.get("status", "")
        if status not in CareVisit.Status.values:
            status = ""
        visits = selectors.campaign_visits(user=request.user, campaign=campaign, status=status)
        page = self.paginate_queryset(visits.order_by("id"))
        return self.get_paginated_response(VisitSerializer(page, many=True).data)


class VisitViewSet(viewsets.ReadOnlyModelViewSet):
    """Visits on campaigns' lists, of the members the user manages; steps are POSTs."""

    serializer_class = VisitSerializer
    pagination_class = ById
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    filterset_fields = ["campaign", "status"]

    def get_queryset(self):
        return selectors.visit_queryset(user=self.request.user).order_by("id")

    def _step(self, request, run, serializer_class):
        visit = self.get_object()
        ensure_can_write(request.user, visit)  # before the body: a reader learns nothing
        body = serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        saved = run(actor=request.user, visit=visit, **body.validated_data)
        return Response(VisitSerializer(saved).data)

    @extend_schema(request=DoneSerializer, responses=VisitSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        """Visited: a care record is made (a second call changes nothing)."""
        return self._step(request, actions.care_visit_done, DoneSerializer)

    @extend_schema(request=SkipSerializer, responses=VisitSerializer)
    @action(detail=True, methods=["post"])
    def skip(self, request, pk=None):
        """No visit needed (409 once visited)."""
        return self._step(request, actions.care_visit_skip, SkipSerializer)


ROUTES = [
    ("services/care-records", CareRecordViewSet, "care-record"),
    ("services/care-campaigns", CampaignViewSet, "care-campaign"),
    ("services/care-visits", VisitViewSet, "care-visit"),
]
