from django.urls import path

from members.files import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="member_list"),
    path("new/", views.member_create, name="member_create"),
    path("<int:pk>/", views.member_detail, name="member_detail"),
    path("<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("<int:pk>/reveal-id/", views.member_reveal_id, name="member_reveal_id"),
    path("<int:pk>/family/", views.family_add, name="family_add"),
    path("<int:pk>/family/<int:relative_pk>/remove/", views.family_remove, name="family_remove"),
]
