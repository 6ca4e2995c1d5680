"""REST API for mobile records (``/api/v1/records/``) and letters of introduction.

Every transition is its own POST endpoint calling the workflow action: an invalid or stale
step answers 409 and changes nothing; the other side's steps answer 403; records outside the
user's scope answer 404.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from members.api_fields import StrictCursorPagination
from members.files.models import Member
from members.mobility import actions, selectors
from members.mobility.models import IntroductionLetter, MobileRecord, RecordEvent
from members.organizations.models import ExternalOrganization, Organization
from members.web import WriteRolePermission


class MemberSummarySerializer(serializers.ModelSerializer):
    """What either side needs of the member's file; the ID number only masked."""

    class Meta:
        model = Member
        fields = [
            "id",
            "name",
            "gender",
            "id_number_masked",
            "category",
            "joined_party_on",
            "phone",
        ]


class RecordEventSerializer(serializers.ModelSerializer):
    # Empty for the member's own report-in through the personal link.
    actor = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = RecordEvent
        fields = [
            "id",
            "kind",
            "transition",
            "from_status",
            "to_status",
            "side",
            "text",
            "actor",
            "created_at",
        ]


class RecordSerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    member_summary = MemberSummarySerializer(source="member", read_only=True)
    inflow_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    inflow_external = serializers.PrimaryKeyRelatedField(
        queryset=ExternalOrganization.objects.all(), required=False, allow_null=True
    )
    outflow_name = serializers.CharField(read_only=True)
    inflow_name = serializers.CharField(read_only=True)
    # Blank until the record ends: documented with "" among its values.
    end_reason = serializers.ChoiceField(
        choices=MobileRecord.EndReason.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = MobileRecord
        fields = [
            "id",
            "member",
            "member_summary",
            "status",
            "initiated_by_inflow",
            "previous",
            "outflow_organization",
            "outflow_external",
            "outflow_name",
            "inflow_name",
            *sorted(actions.OUTFLOW_FIELDS - {"inflow_organization", "inflow_external"}),
            "inflow_organization",
            "inflow_external",
            "scope",
            "taken_in_by",
            "inflow_date",
            "reported_on",
            "inflow_contact_person",
            "inflow_contact_phone",
            "returned_reason",
            "end_reason",
            "ended_on",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "initiated_by_inflow",
            "previous",
            "outflow_organization",
            "outflow_external",
            "scope",
            "taken_in_by",
            "inflow_date",
            "reported_on",
            "inflow_contact_person",
            "inflow_contact_phone",
            "returned_reason",
            "end_reason",
            "ended_on",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        # One open registration per member is the action's rule, said in its words.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["member"].queryset = Member.objects.visible_to(user, for_write=True)
        if self.instance is not None:
            fields["member"].read_only = True
        return fields

    def validate(self, attrs):
        # Field checks only; the action validates the record as a whole.
        return attrs

    def create(self, validated_data):
        member = validated_data.pop("member")
        return actions.mobile_record_create(
            actor=self.context["request"].user, member=member, **validated_data
        )

    def update(self, instance, validated_data):
        return actions.mobile_record_update(
            actor=self.context["request"].user, record=instance, **validated_data
        )


class RecordDetailSerializer(RecordSerializer):
    events = RecordEventSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        fields = [*RecordSerializer.Meta.fields, "events"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class TakeInSerializer(serializers.Serializer):
    taken_in_by = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False
    )
    inflow_date = serializers.DateField(required=False)
    reported_on = serializers.DateField(required=False)
    inflow_contact_person = serializers.CharField()
    inflow_contact_phone = serializers.CharField(required=False, allow_blank=True)


class AssignInflowSerializer(serializers.Serializer):
    inflow_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    inflow_external = serializers.PrimaryKeyRelatedField(
        queryset=ExternalOrganization.objects.all(), required=False, allow_null=True
    )


class EndSerializer(serializers.Serializer):
    end_reason = serializers.ChoiceField(choices=MobileRecord.EndReason.choices)
    ended_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField()


class CoManagementSerializer(serializers.ModelSerializer):
    class Meta:
        model = MobileRecord
        fields = sorted(actions.CO_MANAGEMENT_FIELDS)
        extra_kwargs = {name: {"required": False} for name in actions.CO_MANAGEMENT_FIELDS}


class LetterSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    committee_name = serializers.CharField(source="committee.name", read_only=True)

    class Meta:
        model = IntroductionLetter
        fields = [
            "id",
            "record",
            "number",
            "committee",
            "committee_name",
            "dues_paid_to",
            "validity_days",
            "suggestions_for_inflow",
            "suggestions_for_employer",
            "issued_at",
            "return_slip_received_at",
            "print_count",
        ]
        read_only_fields = [
            "record",
            "committee",
            "issued_at",
            "return_slip_received_at",
            "print_count",
        ]


class ReturnSlipSerializer(serializers.Serializer):
    reported_on = serializers.DateField(required=False)


class RecordPagination(StrictCursorPagination):
    ordering = "-id"
    # A record is a wide row (two sides, employer, contacts): pages of 25, as on the pages.
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


class RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Mobile records the user may see from either side; ``?side=inflow`` is the inbox."""

    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = RecordPagination
    filterset_fields = ["status"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        side = self.request.query_params.get("side")
        if self.action == "list" and side in {selectors.INFLOW, selectors.OUTFLOW}:
            return selectors.record_side(user=self.request.user, side=side)
        records = selectors.record_queryset(user=self.request.user)
        return records.prefetch_related("events__actor") if self.action != "list" else records

    def get_serializer_class(self):
        return RecordSerializer if self.action == "list" else RecordDetailSerializer

    def perform_destroy(self, instance):
        actions.mobile_record_delete(actor=self.request.user, record=instance)

    def _step(self, request, serializer_class, workflow_action):
        """Validate the payload, run the action on the locked record, answer with the record."""
        record = self.get_object()
        data = {}
        if serializer_class is not None:
            payload = serializer_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        workflow_action(actor=request.user, record=record, **data)
        after = self.get_queryset().filter(pk=record.pk).first()
        if after is None:
            # The step handed the record away (returned to the outflow side): say where it is.
            status_now = MobileRecord.objects.values_list("status", flat=True).get(pk=record.pk)
            return Response({"id": record.pk, "status": status_now})
        return Response(RecordDetailSerializer(after, context={"request": request}).data)

    @extend_schema(request=None, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send to the inflow organisation (or register without one)."""
        return self._step(request, None, actions.mobile_record_submit)

    @extend_schema(request=None, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        return self._step(request, None, actions.mobile_record_resubmit)

    @extend_schema(request=ReasonSerializer, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_outflow(self, request, pk=None):
        """The inflow side returns the registration with a reason."""
        return self._step(request, ReasonSerializer, actions.mobile_record_return)

    @extend_schema(request=TakeInSerializer, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"], url_path="take-in")
    def take_in(self, request, pk=None):
        """The inflow side takes the member in (接收纳管)."""
        return self._step(request, TakeInSerializer, actions.mobile_record_take_in)

    @extend_schema(request=AssignInflowSerializer, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"], url_path="assign-inflow")
    def assign_inflow(self, request, pk=None):
        return self._step(request, AssignInflowSerializer, actions.mobile_record_assign_inflow)

    @extend_schema(request=EndSerializer, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        return self._step(request, EndSerializer, actions.mobile_record_end)

    @extend_schema(request=NoteSerializer, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        """A note from either side in the record's timeline."""
        return self._step(request, NoteSerializer, actions.mobile_record_add_note)

    @extend_schema(request=CoManagementSerializer, responses=RecordDetailSerializer)
    @action(detail=True, methods=["post"], url_path="co-management")
    def co_management(self, request, pk=None):
        return self._step(request, CoManagementSerializer, actions.mobile_record_set_co_management)

    @extend_schema(request=LetterSerializer, responses={201: LetterSerializer})
    @action(detail=True, methods=["post"])
    def letters(self, request, pk=None):
        """Issue a letter of introduction for this record (outflow side)."""
        record = self.get_object()
        payload = LetterSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        letter = actions.letter_issue(actor=request.user, record=record, **payload.validated_data)
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)


class LetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Letters of introduction of the records the user may see."""

    serializer_class = LetterSerializer
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = RecordPagination

    def get_queryset(self):
        return selectors.letter_queryset(user=self.request.user)

    @extend_schema(request=ReturnSlipSerializer, responses=LetterSerializer)
    @action(detail=True, methods=["post"], url_path="return-slip")
    def return_slip(self, request, pk=None):
        """Record that the return slip (回执) came back, with the report-in date it gives."""
        letter = self.get_object()
        payload = ReturnSlipSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        letter = actions.letter_record_return_slip(
            actor=request.user, letter=letter, **payload.validated_data
        )
        return Response(LetterSerializer(letter).data)
