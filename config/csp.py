"""The Content-Security-Policy middleware: django-csp's, with inline styles allowed on the
third-party pages that need them (``CSP_INLINE_STYLE_PATHS``: the admin, the API's pages)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class SanlianCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(settings.CSP_INLINE_STYLE_PATHS):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts
