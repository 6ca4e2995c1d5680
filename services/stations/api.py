"""REST API of service stations under ``/api/v1/services/``: the directory (filtered by region
and service), one station, create and update for the organisation running it."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from education.api import ScopedViewSet
from members.api_fields import choice_param
from members.organizations.fields import ScopedOrganizationField
from members.validators import validate_region_code
from services.stations import actions, selectors
from services.stations.models import ServiceStation

FIELDS = list(actions.FIELDS)


class StationSerializer(serializers.ModelSerializer):
    organization = ScopedOrganizationField()
    services = serializers.MultipleChoiceField(choices=ServiceStation.Service.choices)

    class Meta:
        model = ServiceStation
        fields = ["id", "organization", *FIELDS, "created_at"]
        read_only_fields = ["created_at"]
        # The action validates the station (one copy of the rules).
        extra_kwargs = {"region_code": {"validators": []}, "contact_phone": {"validators": []}}

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            fields["organization"].read_only = True
        return fields

    def to_representation(self, station):
        data = super().to_representation(station)
        data["services"] = list(station.services)
        return data

    def create(self, data):
        data["services"] = sorted(data.get("services", []))
        return actions.station_create(actor=self.context["request"].user, **data)

    def update(self, station, data):
        data.pop("organization", None)
        if "services" in data:
            data["services"] = sorted(data["services"])
        return actions.station_update(actor=self.context["request"].user, station=station, **data)


def _region_param(params) -> str:
    """``?region=`` as a six-digit county code ("" when absent); anything else is a 400."""
    region = params.get("region", "")
    if region:
        try:
            validate_region_code(region)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"region": error.messages}) from None
    return region


class ByRegion(ScopedViewSet.pagination_class):
    ordering = ("region_code", "name", "id")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("region", OpenApiTypes.STR, description="Six-digit county code"),
            OpenApiParameter("service", OpenApiTypes.STR, enum=ServiceStation.Service.values),
        ]
    )
)
class StationViewSet(mixins.UpdateModelMixin, ScopedViewSet):
    """The directory of stations (every user with a role reads it); the running
    organisation's writers create and change them."""

    serializer_class = StationSerializer
    pagination_class = ByRegion

    def get_queryset(self):
        params = self.request.query_params
        if self.action == "list":
            return selectors.station_directory(
                user=self.request.user,
                region=_region_param(params),
                service=choice_param(params, "service", ServiceStation.Service.values),
                open_only=False,
            )
        return selectors.station_queryset(user=self.request.user)

    def update(self, request, *args, **kwargs):
        self.writable_object()  # 403 for readers before their data is read
        return super().update(request, *args, **kwargs)


ROUTES = [("services/stations", StationViewSet, "service-station")]
