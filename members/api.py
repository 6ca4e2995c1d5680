"""REST API (``/api/v1/``) for organisations and member files.

Permission classes check roles only; querysets do the scoping through ``visible_to(user)``,
so outsiders get 404 and read-only viewers 403 on writes. Every write calls ``members.actions``.
"""

from contextlib import contextmanager

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from members import actions
from members.models import FamilyMember, Member, Organization
from members.models.organizations import WRITE_ROLES, subtree_q
from members.selectors import AGE_BANDS, MemberFilters, member_queryset, member_search

# --- Permissions and errors -----------------------------------------------------------------


class WriteRolePermission(permissions.BasePermission):
    """Writes need a secretary or officer role somewhere; the action checks where.

    On detail routes the check waits for ``has_object_permission``, so that an outsider asking
    for a file outside its scope gets the queryset's 404 rather than a 403 that confirms it exists.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS or view.lookup_field in view.kwargs:
            return True
        return has_write_role(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or has_write_role(request.user)


def has_write_role(user) -> bool:
    return user.is_superuser or user.assignments.filter(role__in=WRITE_ROLES).exists()


@contextmanager
def domain_errors():
    """Turn an action's ``ValidationError`` (field → message) into an HTTP 400 with field errors."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
            ) from None
        detail = {
            api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
            for field, messages in exc.message_dict.items()
        }
        raise serializers.ValidationError(detail) from None


class ScopedOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organisation id the user can see; any other id reads as nonexistent."""

    def get_queryset(self):
        return Organization.objects.visible_to(self.context["request"].user)


# --- Organisations --------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class ParentField(ScopedOrganizationField):
    """Read: the parent's id, annotated by the queryset; write (create only): where to add."""

    def get_attribute(self, instance):
        return getattr(instance, "parent_id", None)

    def to_representation(self, value):
        return value


class OrganizationSerializer(serializers.ModelSerializer):
    parent = ParentField(required=False, allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "id", "name", "kind", "region_code", "address", "contact_person", "contact_phone",
            "secretary_name", "parent", "depth", "numchild", "created_at",
        ]  # fmt: skip
        read_only_fields = ["depth", "numchild", "created_at"]

    def create(self, validated_data):
        parent = validated_data.pop("parent", None)
        with domain_errors():
            return actions.organization_create(
                actor=self.context["request"].user, parent=parent, **validated_data
            )

    def update(self, instance, validated_data):
        if "parent" in validated_data:
            raise serializers.ValidationError(
                {"parent": _("Moving an organisation is done in the administration site.")}
            )
        with domain_errors():
            return actions.organization_update(
                actor=self.context["request"].user, organization=instance, **validated_data
            )


@extend_schema_field(OpenApiTypes.INT)
class OrganizationIdFilter(django_filters.ModelChoiceFilter):
    """An organisation id among those the user can see."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=lambda request: Organization.objects.visible_to(request.user), **kwargs
        )


class OrganizationFilter(django_filters.FilterSet):
    within = OrganizationIdFilter(
        label=_("within organisation"),
        method="filter_within",
    )

    class Meta:
        model = Organization
        fields = ["kind", "within"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(subtree_q([value.path]))


class OrganizationPagination(CursorPagination):
    # Paths shift when a sibling is inserted (the tree is sorted by name); ids never do.
    ordering = "id"


class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Party organisations in the user's subtrees."""

    serializer_class = OrganizationSerializer
    permission_classes = [permissions.IsAuthenticated, WriteRolePermission]
    pagination_class = OrganizationPagination
    filterset_class = OrganizationFilter

    def get_queryset(self):
        parent = Organization.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
        )
        return Organization.objects.visible_to(self.request.user).annotate(
            parent_id=Subquery(parent.values("pk")[:1])
        )

    def perform_create(self, serializer):
        # Re-read so the response carries the annotated parent like every other response.
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)

    def perform_update(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)


# --- Members --------------------------------------------------------------------------------


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
            "id", "name", "name_initials", "gender", "ethnicity", "birth_date",
            "id_number_masked", "id_number", "phone", "education", "household_address",
            "joined_party_on", "full_member_on", "category", "organization",
            "organization_name", "skills", "status", "notes", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["name_initials", "id_number_masked", "created_at", "updated_at"]
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
        with domain_errors():
            return actions.member_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        with domain_errors():
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


class MemberPagination(CursorPagination):
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
        with domain_errors():
            number = actions.member_reveal_id_number(
                actor=request.user, member=member, reason=reason.validated_data["reason"]
            )
        return Response({"id_number": number}, headers={"Cache-Control": "no-store"})
