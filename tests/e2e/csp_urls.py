"""The project's URLs with the Swagger page as the API work serves it: SpectacularSwaggerSplitView,
whose script is a file of its own rather than inline."""

from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "api/v1/docs-split/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs-split",
    ),
    *project_urlpatterns,
]
