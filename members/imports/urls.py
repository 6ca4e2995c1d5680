from django.urls import path

from members.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("new/", views.import_start, name="start"),
    path("template/<slug:kind>.xlsx", views.import_template, name="template"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status/", views.job_status, name="job_status"),
    path("<int:pk>/apply/", views.job_apply, name="apply"),
]
