from django.urls import path

from education.classes import views

app_name = "classes"

urlpatterns = [
    path("", views.class_list, name="class_list"),
    path("new/", views.class_create, name="class_create"),
    path("<int:pk>/", views.class_detail, name="class_detail"),
    path("<int:pk>/edit/", views.class_edit, name="class_edit"),
    path("<int:pk>/invite/", views.class_invite, name="class_invite"),
    path("<int:pk>/cancel/", views.class_cancel, name="class_cancel"),
    path("<int:pk>/attendance/", views.attendance_save, name="attendance_save"),
    path("<int:pk>/attendance/import/", views.attendance_import, name="attendance_import"),
]
