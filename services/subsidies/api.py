"""REST API of hardship subsidies under ``/api/v1/services/``: list, apply, read, and the
steps (approve, decline, pay, withdraw); a step the status refuses answers 409."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from education.api import ScopedViewSet
from members.api_fields import FIRST_YEAR, LAST_YEAR, choice_param, year_param
from members.files.models import Member
from services.subsidies import actions, selectors
from services.subsidies.models import SubsidyApplication


class SubsidySerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    member_name = serializers.CharField(source="member.name", read_only=True)
    # A string: the action says in words what is wrong with the amount.
    amount = serializers.CharField(max_length=20)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

    class Meta:
        model = SubsidyApplication
        fields = [
            "id",
            "member",
            "member_name",
            "year",
            "reason",
            "amount",
            "status",
            "organization",
            "approver",
            "submitted_at",
            "decided_at",
            "decision_note",
            "paid_at",
        ]
        read_only_fields = [
            "status",
            "organization",
            "approver",
            "submitted_at",
            "decided_at",
            "decision_note",
            "paid_at",
        ]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["member"].queryset = Member.objects.visible_to(request.user, for_write=True)
        return fields

    def create(self, data):
        return actions.subsidy_apply(actor=self.context["request"].user, **data)


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class Newest(ScopedViewSet.pagination_class):
    ordering = selectors.SUBSIDY_ORDER


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("box", OpenApiTypes.STR, enum=[selectors.MINE, selectors.TO_APPROVE]),
            OpenApiParameter(
                "year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=SubsidyApplication.Status.values),
        ]
    )
)
class SubsidyViewSet(ScopedViewSet):
    """Applications about the members the user manages (home or hosting subtrees)."""

    serializer_class = SubsidySerializer
    pagination_class = Newest

    def get_queryset(self):
        if self.action != "list":
            return selectors.subsidy_queryset(user=self.request.user)
        params = self.request.query_params
        return selectors.subsidy_list(
            user=self.request.user,
            box=choice_param(params, "box", {selectors.MINE, selectors.TO_APPROVE}),
            year=year_param(params.get("year", "")),
            status=choice_param(params, "status", SubsidyApplication.Status.values),
        )

    def _step_object(self, step: str) -> SubsidyApplication:
        """404 outside the scope, 403 for whoever may not take the step (before its data)."""
        application = self.get_object()
        if not selectors.can_step(self.request.user, application, step):
            raise PermissionDenied
        return application

    def _answer(self, application) -> Response:
        fresh = selectors.subsidy_get(user=self.request.user, pk=application.pk)
        return Response(SubsidySerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=DecisionSerializer, responses=SubsidySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        application = self._step_object("approve")
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(
            actions.subsidy_approve(
                actor=request.user, application=application, note=data.validated_data["note"]
            )
        )

    @extend_schema(request=DeclineSerializer, responses=SubsidySerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        application = self._step_object("decline")
        data = DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(
            actions.subsidy_decline(
                actor=request.user, application=application, reason=data.validated_data["reason"]
            )
        )

    @extend_schema(request=None, responses=SubsidySerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        application = self._step_object("pay")
        return self._answer(actions.subsidy_pay(actor=request.user, application=application))

    @extend_schema(request=None, responses=SubsidySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = self._step_object("withdraw")
        return self._answer(actions.subsidy_withdraw(actor=request.user, application=application))


ROUTES = [("services/subsidies", SubsidyViewSet, "service-subsidy")]
