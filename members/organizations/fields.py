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
from members.organizations.selectors import organization_labels


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
