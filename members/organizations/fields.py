"""Fields and widgets other topics' forms and API use to name an organisation."""

import django_filters
from django import forms
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.organizations.models import Organization
from members.organizations.selectors import organization_labels, scope_top_depth


@extend_schema_field(OpenApiTypes.INT)
class ScopedOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organisation id the user can see; any other id reads as nonexistent."""

    def get_queryset(self):
        return Organization.objects.visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class OrganizationIdFilter(django_filters.ModelChoiceFilter):
    """An organisation id among those the user can see."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=lambda request: Organization.objects.visible_to(request.user), **kwargs
        )


# Django's default form renderer does not search the project's templates folder.
PROJECT_TEMPLATES = TemplatesSetting()


class OrganizationPicker(forms.Widget):
    """A search box for one organisation of the whole tree, in place of a select listing all.

    Use it on a ``ModelChoiceField``: the field's queryset still validates the posted id, but
    the page carries only the chosen organisation (read in one query, its ancestors' names in
    one more) and ``org-picker.js`` asks ``organizations:lookup`` as the user types.
    """

    template_name = "members/organizations/widgets/organization_picker.html"
    # ModelChoiceField hands its choices to the widget; they are never listed.
    choices = ()

    class Media:
        js = [forms.Script("js/org-picker.js", defer=True)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        attrs.setdefault("placeholder", _("Type a Party organisation's name to search"))
        # The chosen organisation's ancestors describe the box, after any error message.
        described_by = [attrs.get("aria-describedby"), f"{attrs.get('id', name)}-path"]
        attrs["aria-describedby"] = " ".join(filter(None, described_by))
        context["widget"].update(
            chosen=self.chosen(value), lookup_url=reverse("organizations:lookup")
        )
        return context

    def chosen(self, value) -> dict | None:
        """The chosen organisation's id, name and path names; ``None`` if none or unknown."""
        if not str(value or "").isdigit():
            return None
        found = list(Organization.objects.filter(pk=value).only("id", "name", "path"))
        return organization_labels(found)[0] if found else None

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer=PROJECT_TEMPLATES)


class OrganizationFilterField(forms.ModelChoiceField):
    """A list filter by organisation: a drop-down of the top two levels of the user's scope.

    Any organisation the user sees is accepted (a link from the tree may name a deeper one,
    and is then shown as chosen), but the page lists only two levels: for the province that
    is 9 options instead of 4,509, which took a second to render. Deeper organisations are
    reached from the tree, which links to the lists filtered by them.
    """

    levels = 2

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organization.objects.none())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def limit_to(self, user) -> None:
        """Accept the organisations ``user`` sees; list the top levels of them."""
        self.queryset = Organization.objects.visible_to(user)
        top = scope_top_depth(user)
        shallow = self.queryset.filter(depth__lt=top + self.levels).only("name", "depth")
        self.widget.choices = [("", self.empty_label)] + [
            (org.pk, "\u3000" * max(org.depth - top, 0) + org.name) for org in shallow
        ]

    def show_chosen(self, organization: Organization | None) -> None:
        """Keep a chosen organisation below the listed levels visible as selected."""
        if organization and organization.pk not in {pk for pk, _label in self.widget.choices}:
            self.widget.choices = [*self.widget.choices, (organization.pk, organization.name)]
