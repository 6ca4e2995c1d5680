"""REST API (``/api/v1/members/``) of member files (一人一档).

Permission classes check roles only; querysets do the scoping through ``visible_to(user)``,
so outsiders get 404 and read-only viewers 403 on writes. Every write calls the actions.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.validators import UniqueValidator

from members.api_fields import StrictCursorPagination
from members.files import actions
from members.files.models import FamilyMember, Member
from members.files.selectors import AGE_BANDS, MemberFilters, member_queryset, member_search
from members.organizations.fields import OrganizationIdFilter, ScopedOrganizationField
from members.web import WriteRolePermission


class FamilyMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = FamilyMember
        fields = ["id", "name", "relation", "age", "care_kind", "address", "notes"]


class MemberListSerializer(serializers.ModelSerializer):
    """A member file as listed: the ID number only ever masked."""

    organization = ScopedOrganizationField()
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    id_number = serializers.CharField(
        write_only=True, max_length=18, help_text=_("Full national ID number (write only)")
    )

    class Meta:
        model = Member
        fields = [
            "id",
            "name",
            "name_initials",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number_masked",
            "id_number",
            "phone",
            "education",
            "household_address",
            "joined_party_on",
            "full_member_on",
            "category",
            "organization",
            "organization_name",
            "skills",
            "standing",
            "status",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "name_initials",
            "id_number_masked",
            "status",
            "created_at",
            "updated_at",
        ]
        # Birth date and gender default to what the ID number says.
        extra_kwargs = {"birth_date": {"required": False}, "gender": {"required": False}}
        # Uniqueness (ID number, phone) is the action's rule; one copy of it.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["id_number"].required = False
        fields["phone"].validators = [
            v for v in fields["phone"].validators if not isinstance(v, UniqueValidator)
        ]
        return fields

    def create(self, validated_data):
        return actions.member_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return actions.member_update(
            actor=self.context["request"].user, member=instance, **validated_data
        )


class MemberSerializer(MemberListSerializer):
    """A member file in full, with the relatives needing care."""

    family = FamilyMemberSerializer(many=True, read_only=True)

    class Meta(MemberListSerializer.Meta):
        fields = [*MemberListSerializer.Meta.fields, "family"]


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name, pinyin initials or full ID number"), method="filter_noop"
    )
    organization = OrganizationIdFilter(
        label=_("organisation (with everything below it)"),
        method="filter_noop",
    )
    status = django_filters.ChoiceFilter(choices=Member.Status.choices, method="filter_noop")
    category = django_filters.ChoiceFilter(choices=Member.Category.choices, method="filter_noop")
    gender = django_filters.ChoiceFilter(choices=Member.Gender.choices, method="filter_noop")
    age_band = django_filters.ChoiceFilter(
        choices=[(band, band) for band in AGE_BANDS], method="filter_noop"
    )

    class Meta:
        model = Member
        fields = ["q", "organization", "status", "category", "gender", "age_band"]

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        """Search through ``member_search``: the one copy of the search rules and the scoping."""
        values = {key: value for key, value in self.form.cleaned_data.items() if value}
        return member_search(user=self.request.user, filters=MemberFilters(**values))


class MemberPagination(StrictCursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200


class RevealRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, help_text=_("Why the full number is needed"))


class RevealResponseSerializer(serializers.Serializer):
    id_number = serializers.CharField()


class MemberViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Member files (一人一档) in the user's subtrees."""

    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = MemberPagination
    filterset_class = MemberFilter

    def get_queryset(self):
        members = member_queryset(user=self.request.user)
        return members if self.action == "list" else members.prefetch_related("family")

    def get_serializer_class(self):
        return MemberListSerializer if self.action == "list" else MemberSerializer

    def filter_queryset(self, queryset):
        # Filters are search parameters of the list; a detail route ignores them.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def perform_create(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)

    def perform_update(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)

    @extend_schema(request=RevealRequestSerializer, responses=RevealResponseSerializer)
    @action(detail=True, methods=["post"], url_path="reveal-id")
    def reveal_id(self, request, pk=None):
        """Show the full ID number; the reveal is logged with its reason."""
        member = self.get_object()
        reason = RevealRequestSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        number = actions.member_reveal_id_number(
            actor=request.user, member=member, reason=reason.validated_data["reason"]
        )
        return Response({"id_number": number}, headers={"Cache-Control": "no-store"})
