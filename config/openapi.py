"""What every operation of the OpenAPI schema shares, declared once: the error answers.

drf-spectacular documents the success of each operation; the refusals come from shared code
(authentication, ``WriteRolePermission``, the scoped querysets, ``members.web``'s exception
handler) and so are added here for all operations instead of operation by operation.
"""

from django.utils.translation import gettext_lazy as _

ERROR = "Error"
FIELD_ERRORS = "FieldErrors"
WRITE_METHODS = {"post", "put", "patch", "delete"}

COMPONENTS = {
    ERROR: {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    # {"field": ["message", ...], "non_field_errors": [...]}, nested for lists of entries.
    FIELD_ERRORS: {"type": "object", "additionalProperties": True},
}


def _answer(description, component: str) -> dict:
    return {
        "description": str(description),
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the 4xx answers each operation can give."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, answer in _errors(path, method, operation).items():
                responses.setdefault(code, answer)
    return result


def _errors(path: str, method: str, operation: dict) -> dict:
    errors = {
        "401": _answer(_("Not signed in"), ERROR),
        "403": _answer(_("Not allowed for this user"), ERROR),
        "429": _answer(_("Too many requests; try again later"), ERROR),
    }
    if operation.get("parameters") or method in WRITE_METHODS:
        errors["400"] = _answer(_("Invalid input, with the reason per field"), FIELD_ERRORS)
    if "{" in path:
        errors["404"] = _answer(_("Not found, or outside the user's scope"), ERROR)
    elif any(p.get("name") == "cursor" for p in operation.get("parameters", [])):
        # DRF's cursor pagination answers an unreadable cursor with 404.
        errors["404"] = _answer(_("The page asked for (cursor) does not exist"), ERROR)
    if method in WRITE_METHODS:
        errors["409"] = _answer(_("The object's state does not allow this step"), ERROR)
    return errors


# The schema's settings (``SPECTACULAR_SETTINGS``, imported by config/settings.py).
SPECTACULAR_SETTINGS = {
    "TITLE": "Sanlian API",
    "DESCRIPTION": "三链 — mobile Party member management, education and service",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Security: the schema and its Swagger page are for signed-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # The refusals every operation can give (401, 403, 404, 409, 429), declared once.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "MemberStatusEnum": "members.files.models.Member.Status",
        "RecordStatusEnum": "members.mobility.models.records.MobileRecord.Status",
        "AttendanceStatusEnum": "members.orglife.models.Attendance.Status",
        "MemberCategoryEnum": "members.files.models.Member.Category",
        "ServiceCaseStatusEnum": "services.cases.models.ServiceCase.Status",
        "ServiceCaseCategoryEnum": "services.cases.models.Category",
        "ServiceCaseChannelEnum": "services.cases.models.ServiceCase.Channel",
    },
}
