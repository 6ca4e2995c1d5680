from django.urls import path

from members.downloads import views

app_name = "downloads"
urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("<slug:export>/", views.export_start, name="start"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobs/<int:pk>/file/", views.job_download, name="download"),
]
