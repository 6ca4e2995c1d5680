"""The education chain's pages, one topic per prefix, and the hub that links them."""

from django.urls import include, path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("plans/", include("education.plans.urls")),
    path("hours/", include("education.hours.urls")),
    path("packages/", include("education.packages.urls")),
    path("lessons/", include("education.lessons.urls")),
    path("classes/", include("education.classes.urls")),
]
