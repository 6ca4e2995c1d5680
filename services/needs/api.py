"""REST API of the needs collection under ``/api/v1/services/needs/``: rounds with their
counters, opening a month (POST), the summary of a subtree, rows per round (cursor paginated)
and their fill and to-case steps."""

import django_filters
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from education.api import MemberRows
from members.api_fields import MonthField, query_id
from members.organizations.fields import OrganizationIdFilter, ScopedOrganizationField
from members.organizations.models import Organization
from members.web import WriteRolePermission
from services.cases.models import Category
from services.needs import actions, selectors
from services.needs.models import NeedsEntry, NeedsRound


class RoundSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    month = MonthField(read_only=True)

    class Meta:
        model = NeedsRound
        fields = [
            "id",
            "organization",
            "organization_name",
            "month",
            "due_on",
            "members_count",
            "asked_count",
            "unreachable_count",
            "needs_count",
            "cases_count",
            "reminded_on",
        ]
        read_only_fields = fields


def _blank_choice(choices) -> serializers.ChoiceField:
    """A read-only choice that is "" until the row is filled (documented with "")."""
    return serializers.ChoiceField(choices=choices, allow_blank=True, read_only=True)


class EntrySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    outcome = _blank_choice(NeedsEntry.Outcome.choices)
    method = _blank_choice(NeedsEntry.Method.choices)
    category = _blank_choice(Category.choices)

    class Meta:
        model = NeedsEntry
        fields = [
            "id",
            "round",
            "member",
            "member_name",
            "outcome",
            "method",
            "needs",
            "category",
            "case",
            "filled_at",
        ]
        read_only_fields = fields


class FillSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=NeedsEntry.Outcome.choices[1:])
    method = serializers.ChoiceField(
        choices=NeedsEntry.Method.choices, required=False, allow_blank=True, default=""
    )
    needs = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(
        choices=Category.choices, required=False, allow_blank=True, default=""
    )


class OpenSerializer(serializers.Serializer):
    organization = ScopedOrganizationField()
    month = MonthField()


class OpenedSerializer(serializers.Serializer):
    rounds = serializers.IntegerField()
    entries = serializers.IntegerField()


class CategoryCountSerializer(serializers.Serializer):
    category = serializers.CharField()
    count = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    month = serializers.CharField()
    members = serializers.IntegerField()
    asked = serializers.IntegerField()
    unreachable = serializers.IntegerField()
    needs = serializers.IntegerField()
    cases = serializers.IntegerField()
    percent_done = serializers.IntegerField()
    categories = CategoryCountSerializer(many=True)


class RoundFilter(django_filters.FilterSet):
    month = django_filters.DateFilter(input_formats=["%Y-%m"])
    organization = OrganizationIdFilter()

    class Meta:
        model = NeedsRound
        fields = ["month", "organization"]


class ByPath(MemberRows):
    ordering = ("path", "id")


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """A month's rounds in the user's scope (``?month=YYYY-MM``), with their counters."""

    serializer_class = RoundSerializer
    pagination_class = ByPath
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    filterset_class = RoundFilter

    def get_queryset(self):
        return selectors.round_queryset(user=self.request.user)

    @extend_schema(request=OpenSerializer, responses=OpenedSerializer)
    @action(detail=False, methods=["post"], url_path="open")
    def open_month(self, request):
        """Open a month's collection for an organisation's subtree; again: only what is
        missing is added."""
        body = OpenSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        opened = actions.needs_rounds_open(actor=request.user, **body.validated_data)
        return Response(opened)

    @extend_schema(
        parameters=[
            OpenApiParameter("organization", int, required=True),
            OpenApiParameter("month", str, required=True, description="YYYY-MM"),
        ],
        responses=SummarySerializer,
    )
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """An organisation's subtree for a month, from the rounds' counters."""
        organization, month = self._summary_arguments(request)
        rounds = selectors.subtree_rounds(user=request.user, organization=organization, month=month)
        totals = selectors.summary_totals(rounds)
        categories = selectors.summary_category_counts(rounds)
        return Response(
            {
                "organization": organization.pk,
                "month": f"{month:%Y-%m}",
                **vars(totals),
                "percent_done": totals.percent_done,
                "categories": [{"category": c, "count": n} for c, n in categories],
            }
        )

    def _summary_arguments(self, request):
        month = selectors.parse_month(request.query_params.get("month"))
        if month is None:
            raise serializers.ValidationError({"month": ["YYYY-MM"]})
        chosen = query_id(request.query_params.get("organization", ""))
        visible = Organization.objects.visible_to(request.user)
        if chosen is None or not (organization := visible.filter(pk=chosen).first()):
            raise NotFound
        return organization, month


class EntryFilter(django_filters.FilterSet):
    class Meta:
        model = NeedsEntry
        fields = ["round", "outcome"]


class EntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Rows of the rounds the user reads (``?round=``), by id; fill and to-case are POSTs."""

    serializer_class = EntrySerializer
    pagination_class = MemberRows
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    filterset_class = EntryFilter

    def get_queryset(self):
        return selectors.entry_queryset(user=self.request.user)

    def _writable(self):
        entry = self.get_object()
        if not actions.entry_can_write(self.request.user, entry):
            raise PermissionDenied
        return entry

    @extend_schema(request=FillSerializer, responses=EntrySerializer)
    @action(detail=True, methods=["post"])
    def fill(self, request, pk=None):
        entry = self._writable()
        body = FillSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = actions.needs_entry_fill(actor=request.user, entry=entry, **body.validated_data)
        return Response(EntrySerializer(saved).data)

    @extend_schema(request=None, responses=EntrySerializer)
    @action(detail=True, methods=["post"])
    def case(self, request, pk=None):
        """File the row's needs as a request (the same one on a second call)."""
        entry = self._writable()
        actions.needs_entry_to_case(actor=request.user, entry=entry)
        entry.refresh_from_db()
        return Response(EntrySerializer(entry).data)


ROUTES: list = [
    ("services/needs/rounds", RoundViewSet, "needs-round"),
    ("services/needs/entries", EntryViewSet, "needs-entry"),
]
