from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import views
from members.accounts.views import LoginView
from members.links.urls import member_patterns as member_link_patterns
from members.mobility.views import letter_verify

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("members.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/organizations/", include("members.organizations.urls")),
    path("members/", include("members.files.urls")),
    path("members/", include(member_link_patterns)),
    path("records/", include("members.mobility.urls")),
    path("verify/<slug:code>/", letter_verify, name="letter_verify"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("notifications/", include("members.outbox.urls")),
    path("orglife/", include("members.orglife.urls")),
    path("management/", include("members.followup.urls")),
    path("education/", include("education.urls")),
    path("services/", include("services.urls")),
    path("m/", include("members.links.urls")),
    path("exports/", include("members.downloads.urls")),
    path("imports/", include("members.imports.urls")),
    path("statistics/", include("members.statistics.urls")),
    path("overview/", include("members.overview.urls")),
    # Signed-in users only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]): the schema answers 403,
    # the page sends to the login. The split view serves its script as a file: no inline script.
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
