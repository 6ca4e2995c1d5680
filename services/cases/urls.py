from django.urls import path

from services.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path(
        "<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:pk>/step/<str:step>/", views.case_step, name="case_step"),
    path("<int:pk>/handover/", views.case_handover, name="case_handover"),
    path("<int:pk>/department/", views.case_department, name="case_department"),
    path("<int:pk>/note/", views.case_note, name="case_note"),
    path("<int:pk>/attach/", views.case_attach_file, name="case_attach"),
    path("<int:pk>/station/", views.case_station, name="case_station"),
]
