"""The REST API of plans: viewsets registered by config/api_urls.py from ``ROUTES``.

Querysets scope (outsiders get 404), ``WriteRolePermission`` keeps viewers read-only (403), and
every write calls ``education.plans.actions``. Members of a plan come by name with their
progress; nothing is ordered by study.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action

from education.audience import Audience
from education.hours.models import StudyCredit
from education.hours.selectors import credit_queryset
from education.plans import actions, selectors
from education.plans.models import PlanTemplate, Reading, StudyPlan
from members.api_fields import IdFilter, StrictCursorPagination, YearFilter
from members.files.models import Member
from members.organizations.fields import ScopedOrganizationField
from members.organizations.models import Organization
from members.web import WriteRolePermission


class ScopedManyField(serializers.PrimaryKeyRelatedField):
    """Ids among those the user can see (``selector(user=...)``); others read as nonexistent."""

    def __init__(self, selector=None, **kwargs):
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.selector(user=self.context["request"].user)


def _scoped_many(selector, **kwargs):
    return serializers.ManyRelatedField(
        child_relation=ScopedManyField(selector=selector), required=False, **kwargs
    )


class ActionSerializer(serializers.ModelSerializer):
    """Created and changed through ``create_action`` / ``update_action``; the organisation is
    chosen once and then fixed."""

    organization = ScopedOrganizationField()
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and "organization" in fields:
            fields["organization"].read_only = True
        return fields

    def validate(self, attrs):
        return attrs  # the action validates the object as a whole


class ReadingSerializer(ActionSerializer):
    class Meta:
        model = Reading
        fields = ["id", "organization", "organization_name", "kind", "title", "author", "url"]
        fields += ["hours"]

    def create(self, data):
        return actions.reading_create(actor=self.context["request"].user, **data)

    def update(self, instance, data):
        user = self.context["request"].user
        return actions.reading_update(actor=user, reading=instance, **data)


class PlanTemplateSerializer(ActionSerializer):
    readings = _scoped_many(selectors.reading_queryset)

    class Meta:
        model = PlanTemplate
        fields = ["id", "organization", "organization_name", "name", "description"]
        fields += ["target_hours", "readings"]

    def create(self, data):
        return actions.template_create(actor=self.context["request"].user, **data)

    def update(self, instance, data):
        user = self.context["request"].user
        return actions.template_update(actor=user, template=instance, **data)


class PlanSerializer(ActionSerializer):
    template = serializers.PrimaryKeyRelatedField(
        queryset=PlanTemplate.objects.none(), required=False, allow_null=True
    )
    readings = _scoped_many(selectors.reading_queryset)
    lessons = _scoped_many(selectors.lesson_choices)
    classes = _scoped_many(selectors.class_choices)
    member = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.none(), required=False, write_only=True
    )
    audience_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.none(), required=False, write_only=True
    )
    audience_mobile_only = serializers.BooleanField(default=True, write_only=True)

    class Meta:
        model = StudyPlan
        fields = ["id", "organization", "organization_name", "template", "year", "title"]
        fields += ["description", "target_hours", "readings", "lessons", "classes", "audience"]
        fields += ["member", "audience_organization", "audience_mobile_only", "created_at"]
        read_only_fields = ["audience", "created_at"]
        extra_kwargs = {"title": {"required": False}, "target_hours": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["template"].queryset = selectors.template_queryset(user=user)
        fields["member"].queryset = Member.objects.visible_to(user, for_write=True)
        fields["audience_organization"].queryset = Organization.objects.visible_to(user)
        if self.instance is not None:
            for name in ("template", "year", "member", "audience_organization"):
                fields[name].read_only = True
        return fields

    def create(self, data):
        organization = data.pop("audience_organization", None)
        mobile_only = data.pop("audience_mobile_only", True)
        if organization is not None:
            data["audience"] = Audience(organization=organization, mobile_only=mobile_only)
        data.setdefault("readings", None)
        return actions.plan_create(actor=self.context["request"].user, **data)

    def update(self, instance, data):
        data.pop("audience_mobile_only", None)
        user = self.context["request"].user
        return actions.plan_update(actor=user, plan=instance, **data)


class PlanMemberProgressSerializer(serializers.ModelSerializer):
    """A member of the plan and what they did of it (never a score or a rank)."""

    readings_done = serializers.IntegerField()
    lessons_done = serializers.IntegerField()
    classes_done = serializers.IntegerField()
    hours_done = serializers.DecimalField(max_digits=6, decimal_places=1)

    class Meta:
        model = Member
        fields = ["id", "name", "readings_done", "lessons_done", "classes_done", "hours_done"]


class ByName(StrictCursorPagination):
    ordering = ("name", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class Newest(StrictCursorPagination):
    ordering = ("-id",)
    page_size_query_param = "page_size"
    max_page_size = 200


WRITE = [permissions.IsAuthenticated, WriteRolePermission]
METHODS = ["get", "post", "patch", "delete", "head", "options"]


class ReadingViewSet(viewsets.ModelViewSet):
    """Readings of the user's organisations and of those above them."""

    serializer_class = ReadingSerializer
    permission_classes = WRITE
    pagination_class = Newest
    http_method_names = METHODS

    def get_queryset(self):
        return selectors.reading_queryset(user=self.request.user)

    def perform_destroy(self, instance):
        actions.reading_delete(actor=self.request.user, reading=instance)


class PlanTemplateViewSet(ReadingViewSet):
    """Plan templates: readings and target hours an organisation asks every year."""

    serializer_class = PlanTemplateSerializer

    def get_queryset(self):
        return selectors.template_queryset(user=self.request.user).prefetch_related("readings")

    def perform_destroy(self, instance):
        actions.template_delete(actor=self.request.user, template=instance)


class PlanViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Study plans made in the user's subtrees, or reaching the user's members."""

    serializer_class = PlanSerializer
    permission_classes = WRITE
    pagination_class = Newest
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        plans = selectors.plan_queryset(user=self.request.user)
        return plans.prefetch_related("readings", "lessons", "classes")

    @extend_schema(responses=PlanMemberProgressSerializer(many=True))
    @action(detail=True, methods=["get"])
    def members(self, request, pk=None):
        """The plan's members the user may see, by name, with their progress."""
        plan = self.get_object()
        members = selectors.with_progress(
            selectors.plan_members(user=request.user, plan=plan), plan
        )
        paginator = ByName()
        page = paginator.paginate_queryset(members, request, view=self)
        return paginator.get_paginated_response(PlanMemberProgressSerializer(page, many=True).data)


class StudyCreditSerializer(serializers.ModelSerializer):
    class Meta:
        model = StudyCredit
        fields = ["id", "member", "year", "hours", "source", "description", "studied_on"]


class CreditFilter(django_filters.FilterSet):
    member = IdFilter(label=_("member"), required=True)
    year = YearFilter(label=_("year"))

    class Meta:
        model = StudyCredit
        fields = ["member", "year", "source"]


class CreditViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """One member's study-hours credits (``?member=``), newest first: never across members."""

    serializer_class = StudyCreditSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = Newest
    filterset_class = CreditFilter

    def get_queryset(self):
        return credit_queryset(user=self.request.user)


# (prefix under /api/v1/, viewset, basename)
ROUTES: list = [
    ("education/readings", ReadingViewSet, "education-reading"),
    ("education/plan-templates", PlanTemplateViewSet, "education-plan-template"),
    ("education/plans", PlanViewSet, "education-plan"),
    ("education/hours", CreditViewSet, "education-hours"),
]
