from django.urls import path

from members.followup import views

app_name = "management"

urlpatterns = [
    path("warnings/", views.warning_list, name="warnings"),
    path("member/<int:pk>/", views.member_management, name="member"),
    path("member/<int:pk>/<slug:name>/", views.member_form, name="member_form"),
]
