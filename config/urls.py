from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config import views
from members import records_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("records/", include("members.records_urls")),
    path("verify/<str:code>/", records_views.letter_verify, name="letter_verify"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("members.api_urls")),
    path("notifications/", include("members.notification_urls")),
    path("orglife/", include("members.orglife_urls")),
    path("management/", include("members.management_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
