from django.urls import path

from education.lessons import views

app_name = "lessons"

urlpatterns = [
    path("", views.lesson_list, name="lesson_list"),
    path("new/", views.lesson_create, name="lesson_create"),
    path("<int:pk>/", views.lesson_detail, name="lesson_detail"),
    path("<int:pk>/edit/", views.lesson_edit, name="lesson_edit"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("<int:pk>/publish/", views.lesson_publish, name="lesson_publish"),
    path("<int:pk>/withdraw/", views.lesson_withdraw, name="lesson_withdraw"),
    path("<int:pk>/remind/", views.lesson_remind, name="lesson_remind"),
]
