"""REST API of study packages: packages, dispatches with progress, shipments and their steps,
and the tracking import (multipart; ``dry_run`` reports the rows without applying)."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from education.api import NewestFirst, ScopedViewSet
from education.audience import Audience
from education.packages import actions, selectors
from education.packages.models import Dispatch, PackageItem, Shipment, StudyPackage
from education.packages.tracking import tracking_import
from members.organizations.fields import ScopedOrganizationField
from members.web import WriteRolePermission


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PackageItem
        fields = ["title", "quantity"]


class PackageSerializer(serializers.ModelSerializer):
    organization = ScopedOrganizationField()
    items = ItemSerializer(many=True)

    class Meta:
        model = StudyPackage
        fields = ["id", "organization", "name", "description", "items", "created_at"]

    def create(self, data):
        items = [(item["title"], item["quantity"]) for item in data.pop("items")]
        return actions.package_create(actor=self.context["request"].user, items=items, **data)


class ProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    sent = serializers.IntegerField()
    delivered = serializers.IntegerField()
    received = serializers.IntegerField()
    returned = serializers.IntegerField()


class DispatchSerializer(serializers.ModelSerializer):
    package = serializers.PrimaryKeyRelatedField(queryset=StudyPackage.objects.none())
    organization = ScopedOrganizationField()
    mobile_only = serializers.BooleanField(write_only=True, default=True)
    members = serializers.ListField(
        child=serializers.IntegerField(),
        write_only=True,
        required=False,
        max_length=20000,
        help_text="Chosen members' ids instead of the organisation's members.",
    )
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Dispatch
        fields = [
            "id",
            "package",
            "organization",
            "title",
            "audience",
            "mobile_only",
            "members",
            "progress",
            "created_at",
        ]
        read_only_fields = ["audience", "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["package"].queryset = selectors.package_queryset(user=request.user)
        return fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, dispatch) -> dict:
        return vars(selectors.progress(dispatch))

    def create(self, data):
        """To chosen members (``members``), else to the members of the organisation (all
        current, or the mobile ones only)."""
        common = {
            "actor": self.context["request"].user,
            "package": data["package"],
            "title": data["title"],
        }
        if data.get("members"):
            dispatch = actions.dispatch_create(
                **common, organization=data["organization"], member_ids=data["members"]
            )
        else:
            audience = Audience(organization=data["organization"], mobile_only=data["mobile_only"])
            dispatch = actions.dispatch_create(**common, audience=audience)
        return selectors.dispatch_queryset(user=self.context["request"].user).get(pk=dispatch.pk)


class ShipmentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Shipment
        fields = [
            "id",
            "dispatch",
            "member",
            "member_name",
            "address",
            "courier",
            "tracking_number",
            "status",
            "sent_at",
            "delivered_at",
            "received_at",
            "note",
        ]
        read_only_fields = fields


class SendSerializer(serializers.Serializer):
    courier = serializers.CharField(max_length=50)
    tracking_number = serializers.CharField(max_length=50)


class ReturnReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class AddressSerializer(serializers.Serializer):
    address = serializers.CharField(max_length=300)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    reason = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)
    sent = serializers.IntegerField()
    corrected = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    applied = serializers.BooleanField()


class ById(NewestFirst):
    ordering = ("id",)


class PackageViewSet(ScopedViewSet):
    """Study packages of the user's subtrees and those shared down from above."""

    serializer_class = PackageSerializer

    def get_queryset(self):
        return selectors.package_queryset(user=self.request.user)


class DispatchViewSet(ScopedViewSet):
    """Dispatches sent from the user's subtrees or reaching its members, with progress."""

    serializer_class = DispatchSerializer

    def get_queryset(self):
        return selectors.dispatch_queryset(user=self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=ImportSerializer, responses=ImportReportSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def tracking_import(self, request, pk=None):
        """Upload tracking numbers (.xlsx/.csv). Rows with errors: 400 with every row's reason,
        nothing applied; ``dry_run``: the report, nothing applied."""
        dispatch = self.writable_object()  # before reading the upload
        upload = ImportSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        report = tracking_import(
            actor=request.user,
            dispatch=dispatch,
            upload=upload.validated_data["file"],
            dry_run=upload.validated_data["dry_run"],
        )
        answer = status.HTTP_400_BAD_REQUEST if report.errors else status.HTTP_200_OK
        return Response(ImportReportSerializer(report).data, status=answer)


class ShipmentFilter(django_filters.FilterSet):
    class Meta:
        model = Shipment
        fields = ["dispatch", "status"]


class ShipmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Shipments of members the user manages or of dispatches it sent; steps are POSTs (409
    when the shipment's status does not allow them)."""

    serializer_class = ShipmentSerializer
    pagination_class = ById
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    filterset_class = ShipmentFilter

    def get_queryset(self):
        return selectors.shipment_readable(user=self.request.user).order_by("id")

    def _step(self, request, run, serializer_class=None):
        shipment = self.get_object()
        data = {}
        if serializer_class is not None:
            body = serializer_class(data=request.data)
            body.is_valid(raise_exception=True)
            data = body.validated_data
        saved = run(actor=request.user, shipment=shipment, **data)
        return Response(ShipmentSerializer(saved).data)

    @extend_schema(request=SendSerializer, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._step(request, actions.shipment_send, SendSerializer)

    @extend_schema(request=None, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        return self._step(request, actions.shipment_deliver)

    @extend_schema(request=None, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        """On the member's word."""
        return self._step(request, actions.shipment_receive)

    @extend_schema(request=ReturnReasonSerializer, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._step(request, actions.shipment_return, ReturnReasonSerializer)

    @extend_schema(request=AddressSerializer, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request, pk=None):
        return self._step(request, actions.shipment_resend, AddressSerializer)

    @extend_schema(request=AddressSerializer, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"])
    def address(self, request, pk=None):
        return self._step(request, actions.shipment_update_address, AddressSerializer)


# (prefix under /api/v1/, viewset, basename)
ROUTES: list = [
    ("education/study-packages", PackageViewSet, "study-package"),
    ("education/package-dispatches", DispatchViewSet, "package-dispatch"),
    ("education/shipments", ShipmentViewSet, "shipment"),
]
