"""REST API of differentiated management (``/api/v1/management/...``).

Reads are scoped like the pages (outsiders get 404); every write posts one of the page forms'
fields to an action, so the API and the pages share one set of rules (viewers get 403).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from members.api_fields import StrictCursorPagination, choice_param, query_id
from members.files.models import Member
from members.followup import actions, selectors
from members.followup.forms import FORMS
from members.followup.models import ActivityCardReview, Code, ContactLog, DuesPayment
from members.web import get_or_404


class WarningSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    level = serializers.CharField()
    since = serializers.DateField()


class WarningRecordSerializer(serializers.Serializer):
    record = serializers.IntegerField(source="pk")
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.name")
    category = serializers.CharField()
    departure_date = serializers.DateField()
    warnings = WarningSerializer(many=True)


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactLog
        fields = [
            "id",
            "member",
            "record",
            "side",
            "channel",
            "contacted_on",
            "reached",
            "note",
            "by",
            "created_at",
        ]


class DuesPaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesPayment
        fields = [
            "id",
            "member",
            "amount",
            "period_from",
            "period_to",
            "paid_on",
            "place",
            "organization",
            "note",
            "recorded_by",
            "created_at",
        ]


class CardReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityCardReview
        fields = ["id", "member", "record", "year", "result", "reviewed_on", "note", "by"]


class ByIdPagination(StrictCursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200


@extend_schema_serializer(many=False)  # the list action answers one page object
class WarningPageSerializer(serializers.Serializer):
    results = WarningRecordSerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True)
    previous_cursor = serializers.CharField(allow_null=True)


WARNING_PARAMETERS = [
    OpenApiParameter("code", str, enum=Code.values, description="one kind of warning"),
    OpenApiParameter("cursor", str, description="next_cursor or previous_cursor of a page"),
]


class WarningViewSet(viewsets.ViewSet):
    """Mobile members with warnings in the user's scope, longest away first."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=WARNING_PARAMETERS, responses=WarningPageSerializer)
    def list(self, request):
        page = selectors.warning_list(
            user=request.user,
            today=timezone.localdate(),
            code=choice_param(request.query_params, "code", Code.values),
            cursor=request.query_params.get("cursor", ""),
        )
        return Response(
            {
                "results": WarningRecordSerializer(page.items, many=True).data,
                "next_cursor": page.next_cursor,
                "previous_cursor": page.previous_cursor,
            }
        )


class ScopedListViewSet(viewsets.ReadOnlyModelViewSet):
    """Rows of members in scope or hosted by an organisation in scope; ``?member=`` filters."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = ByIdPagination

    def get_queryset(self):
        rows = self.serializer_class.Meta.model.objects.visible_to(self.request.user)
        member = query_id(self.request.query_params.get("member", ""))
        return rows if member is None else rows.filter(member_id=member)


class ContactViewSet(ScopedListViewSet):
    serializer_class = ContactSerializer


class DuesPaymentViewSet(ScopedListViewSet):
    serializer_class = DuesPaymentSerializer


class CardReviewViewSet(ScopedListViewSet):
    serializer_class = CardReviewSerializer


class ManagedMemberSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    category = serializers.CharField(allow_null=True)
    paid_to = serializers.DateField(allow_null=True)
    warnings = WarningSerializer(many=True)


class StepResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()


MEMBER_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="member id")


class ManagedMemberViewSet(viewsets.ViewSet):
    """A member's category, warnings and dues paid-to month; POST one management step."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"

    def _member(self, pk) -> Member:
        return get_or_404(selectors.managed_member_get, user=self.request.user, pk=int(pk))

    @extend_schema(parameters=[MEMBER_ID], responses=ManagedMemberSerializer)
    def retrieve(self, request, pk=None):
        member = self._member(pk)
        found = selectors.member_management(member=member, today=timezone.localdate())
        return Response(
            {
                "member": member.pk,
                "category": found["category"] or None,
                "paid_to": found["paid_to"],
                "warnings": WarningSerializer(found["warnings"], many=True).data,
            }
        )

    @extend_schema(
        parameters=[
            MEMBER_ID,
            OpenApiParameter("step", str, OpenApiParameter.PATH, enum=sorted(FORMS)),
        ],
        request=OpenApiTypes.OBJECT,
        responses={201: StepResultSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"(?P<step>[a-z-]+)")
    def step(self, request, pk=None, step=""):
        """Steps: contact, lost-contact, contact-regained, dues-rate, dues-payment,
        card-review, work — with the fields of the page form of the same name."""
        if step not in FORMS:
            raise NotFound
        member = self._member(pk)
        actions.managing_side(request.user, member)  # 403 before the payload is read
        if not isinstance(request.data, dict):  # a JSON list or value, not the form's fields
            raise serializers.ValidationError({"non_field_errors": [_("Send the step's fields.")]})
        form = FORMS[step](request.data)
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        saved = form.save(actor=request.user, member=member)
        return Response({"id": saved.pk}, status=status.HTTP_201_CREATED)
