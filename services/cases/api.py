"""REST API of service requests under ``/api/v1/services/cases/``: list (filtered by status,
category, overdue, organisation), file, read with members, departments and timeline, and the
writes as actions: a step of the workflow (409 when the status does not allow it), a hand-over,
a department brought in, a note. Reads go through ``ServiceCase.objects.visible_to``."""

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.widgets import BooleanWidget
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from education.api import ScopedViewSet
from members.followup.selectors import managed_member_queryset
from members.organizations.fields import OrganizationIdFilter, ScopedOrganizationField
from members.organizations.models import Organization
from members.scoping import subtree_q
from services.cases import actions
from services.cases.actions import MAX_MEMBERS
from services.cases.models import CaseDepartment, CaseEvent, CaseMember, ServiceCase
from services.cases.selectors import case_queryset
from services.cases.workflow import HANDLER_STEPS


class CaseSerializer(serializers.ModelSerializer):
    """A line of the list; filing takes the members' ids."""

    organization = ScopedOrganizationField()
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    members = serializers.ListField(
        child=serializers.IntegerField(),
        write_only=True,
        min_length=1,
        max_length=MAX_MEMBERS,
        help_text="Ids of the members the request is about (one, or a group).",
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ServiceCase
        fields = [
            "id",
            "title",
            "description",
            "category",
            "priority",
            "status",
            "channel",
            "organization",
            "organization_name",
            "members",
            "filed_at",
            "due_on",
            "overdue",
            "escalation_level",
        ]
        read_only_fields = ["status", "channel", "filed_at", "escalation_level"]
        extra_kwargs = {"description": {"write_only": True}, "due_on": {"required": False}}

    def get_overdue(self, case) -> bool:
        return case.is_open and case.due_on < timezone.localdate()

    def create(self, data):
        user = self.context["request"].user
        ids = list(dict.fromkeys(data.pop("members")))
        members = list(managed_member_queryset(user=user).filter(pk__in=ids))
        if len(members) != len(ids):
            raise ValidationError(
                {"members": [_("Some of the chosen members are not members you look after.")]}
            )
        case = actions.case_file(actor=user, members=members, **data)
        return case_queryset(user=user).select_related("organization").get(pk=case.pk)


class CaseMemberSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member.name")

    class Meta:
        model = CaseMember
        fields = ["id", "name"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseDepartment
        fields = ["id", "name", "contact", "asked_for", "added_at"]
        read_only_fields = ["added_at"]


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.full_name", default="", read_only=True)
    member = serializers.CharField(source="member.name", default="", read_only=True)

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "at", "actor", "member", "text"]


class CaseDetailSerializer(CaseSerializer):
    """The case with its members, departments and timeline."""

    case_members = CaseMemberSerializer(many=True, read_only=True)
    departments = DepartmentSerializer(many=True, read_only=True)
    timeline = EventSerializer(source="events", many=True, read_only=True)
    handler = serializers.CharField(source="handler.full_name", default="", read_only=True)
    escalated_to = serializers.CharField(source="escalated_to.name", default="", read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "case_members",
            "handler",
            "accepted_at",
            "resolved_at",
            "closed_at",
            "resolution",
            "decline_reason",
            "feedback",
            "satisfaction",
            "escalated_to",
            "departments",
            "timeline",
        ]
        read_only_fields = fields
        extra_kwargs = {}


class StepSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=[(t.name, t.label) for t in HANDLER_STEPS])
    text = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    satisfaction = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=5, default=None
    )


class HandoverSerializer(serializers.Serializer):
    # Any organisation of the tree: a case may go to the member's hosting branch elsewhere.
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    reason = serializers.CharField(max_length=300)


class CaseNoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ServiceCase.Status.choices)
    category = django_filters.ChoiceFilter(choices=ServiceCase.Category.choices)
    # "1" and "true" both mean yes (the home card links with ?overdue=1).
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label="Overdue", widget=BooleanWidget
    )
    organization = OrganizationIdFilter(
        method="filter_organization", label="Handled in the subtree of"
    )

    class Meta:
        model = ServiceCase
        fields = ["status", "category", "overdue", "organization"]

    def filter_overdue(self, queryset, name, value):
        late = {"status__in": ServiceCase.OPEN_STATUSES, "due_on__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)

    def filter_organization(self, queryset, name, value):
        return queryset.filter(subtree_q([value.path], "handling_path")) if value else queryset


class FiledFirst(ScopedViewSet.pagination_class):
    ordering = ("-filed_at", "-id")


class CaseViewSet(ScopedViewSet):
    """Service requests handled in the user's subtrees or concerning its members."""

    pagination_class = FiledFirst
    filterset_class = CaseFilter

    def get_serializer_class(self):
        return CaseSerializer if self.action in ("list", "create") else CaseDetailSerializer

    def get_queryset(self):
        cases = case_queryset(user=self.request.user).select_related("organization")
        if self.action == "list":
            return cases
        return cases.select_related("handler", "escalated_to").prefetch_related(
            Prefetch("case_members", CaseMember.objects.select_related("member").order_by("pk")),
            "departments",
            Prefetch("events", CaseEvent.objects.select_related("actor", "member")),
        )

    def _answer(self, case, code=status.HTTP_200_OK) -> Response:
        case = self.get_queryset().get(pk=case.pk)
        context = self.get_serializer_context()
        return Response(CaseDetailSerializer(case, context=context).data, code)

    def _body(self, serializer_class) -> dict:
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    @extend_schema(request=StepSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def step(self, request, pk=None):
        """Take a step (accept, start, resolve, close, decline, reopen): 409 when the status
        does not allow it; resolving, declining and reopening need ``text``, closing the
        member's ``satisfaction`` (1–5)."""
        case = self.writable_object()
        case = actions.case_step(actor=request.user, case=case, **self._body(StepSerializer))
        return self._answer(case)

    @extend_schema(request=HandoverSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        """Hand the open case to another organisation, with the reason."""
        case = self.writable_object()
        data = self._body(HandoverSerializer)
        case = actions.case_handover(actor=request.user, case=case, **data)
        return self._answer(case)

    @extend_schema(request=DepartmentSerializer, responses={201: DepartmentSerializer})
    @action(detail=True, methods=["post"])
    def departments(self, request, pk=None):
        """Bring a department in (劳动监察大队, 司法所), saying what it was asked to do."""
        case = self.writable_object()
        data = self._body(DepartmentSerializer)
        department = actions.case_department_add(actor=request.user, case=case, **data)
        return Response(DepartmentSerializer(department).data, status.HTTP_201_CREATED)

    @extend_schema(request=CaseNoteSerializer, responses={201: EventSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        """A note on the case's timeline (a call made, a meeting held)."""
        case = self.writable_object()
        event = actions.case_note(actor=request.user, case=case, **self._body(CaseNoteSerializer))
        return Response(EventSerializer(event).data, status.HTTP_201_CREATED)


# (prefix under /api/v1/, viewset, basename)
ROUTES: list = [("services/cases", CaseViewSet, "service-case")]
