from django.urls import path

from members.orglife import views

app_name = "orglife"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/attendance/", views.attendance_save, name="attendance_save"),
    path("<int:pk>/notify/", views.activity_notify, name="activity_notify"),
    path("year/<int:pk>/", views.organization_year, name="organization_year"),
    path("messages/", views.member_message, name="member_message"),
]
