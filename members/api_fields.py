"""Fields and filters every topic's REST API shares, so each input is checked one way.

Years and date-times have sane bounds: nothing in Sanlian happened before the founding of the
People's Republic (1949-10-01) or will be planned after 2100. Before 1901 the time-zone database
also gives Asia/Shanghai its local mean time (+08:05:43), which no client can read back as an
RFC 3339 date-time.
"""

import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import CursorPagination

FIRST_YEAR, LAST_YEAR = 1949, 2100
FIRST_DAY = datetime.date(1949, 10, 1)
LAST_DAY = datetime.date(LAST_YEAR, 12, 31)


def _year_validators():
    return [
        MinValueValidator(FIRST_YEAR, _("Enter a year from 1949 on.")),
        MaxValueValidator(LAST_YEAR, _("Enter a year up to 2100.")),
    ]


class YearFormField(forms.IntegerField):
    default_validators = _year_validators()


@extend_schema_field({"type": "integer"})
class IdFilter(django_filters.NumberFilter):
    """An object's id in a query string: a whole number (django-filter's default takes 0.5)."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(django_filters.NumberFilter):
    """``?year=`` as a whole year from 1949 to 2100; anything else is a 400."""

    field_class = YearFormField


@extend_schema_field(
    {
        "type": "string",
        "format": "date-time",
        "description": "1949-10-01 … 2100-12-31, Beijing time unless an offset is given",
    }
)
class BoundedDateTimeField(serializers.DateTimeField):
    """A date-time between 1949-10-01 and the end of 2100 (Beijing time)."""

    default_error_messages = {
        "too_early": _("Enter a date and time from 1 October 1949 on."),
        "too_late": _("Enter a date and time before 2101."),
    }

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        local = timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
        if local.date() < FIRST_DAY:
            self.fail("too_early")
        if local.date() > LAST_DAY:
            self.fail("too_late")
        return parsed


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-11"})
class MonthField(serializers.DateField):
    """A month written ``YYYY-MM`` (stored as its first day)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m"])
        kwargs.setdefault("format", "%Y-%m")
        super().__init__(**kwargs)


def query_id(raw: str) -> int | None:
    """An id from a query string: ASCII digits within a database integer, else ``None``.

    ``str.isdigit()`` alone also accepts "²", which ``int()`` and the database refuse.
    """
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return int(raw)
    return None


def year_param(raw: str) -> int | None:
    """``?year=`` from a query string: ``None`` when absent, a 400 when not a sane year."""
    if not raw:
        return None
    year = query_id(raw)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise serializers.ValidationError({"year": [_("Enter a year from 1949 to 2100.")]})
    return year


def choice_param(params, name: str, choices) -> str:
    """``?name=`` among ``choices`` ("" when absent); anything else is a 400 naming it (a stray
    character such as NUL never reaches the database)."""
    value = params.get(name, "")
    if value and value not in choices:
        raise serializers.ValidationError({name: [_("Choose one of the listed values.")]})
    return value


class StrictCursorPagination(CursorPagination):
    """DRF's cursor pagination, except that a ``page_size`` that is not a whole number from 1
    is a 400 (DRF silently falls back to the default); above the maximum it is capped."""

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param or "", "")
        if not self.page_size_query_param or raw == "":
            return self.page_size
        size = query_id(raw)
        if size is None or size < 1:
            raise serializers.ValidationError(
                {self.page_size_query_param: [_("Enter a whole number from 1.")]}
            )
        return min(size, self.max_page_size) if self.max_page_size else size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
