from django.urls import path

from members.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_page, name="table"),
    path("export/", views.statistics_export, name="export"),
]
