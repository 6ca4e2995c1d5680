"""The service chain's pages, one topic per prefix, and the hub that links them."""

from django.urls import include, path

from services import views

app_name = "services"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("cases/", include("services.cases.urls")),
    path("needs/", include("services.needs.urls")),
    path("stations/", include("services.stations.urls")),
    path("care/", include("services.care.urls")),
    path("subsidies/", include("services.subsidies.urls")),
]
