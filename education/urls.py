"""The education chain's pages, one topic per prefix."""

from django.urls import include, path

app_name = "education"

urlpatterns = [
    path("plans/", include("education.plans.urls")),
    path("packages/", include("education.packages.urls")),
    path("lessons/", include("education.lessons.urls")),
    path("classes/", include("education.classes.urls")),
]
